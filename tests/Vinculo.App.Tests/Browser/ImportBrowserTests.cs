using System.Text;
using Microsoft.Playwright;

namespace Vinculo.App.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(BrowserFixture fixture)
{
    private const string Csv = """
        Nombre,Apellido paterno,Correo,Teléfono
        Mariana,Quintero,mariana.quintero@example.mx,55 8765 4321
        Luis,Bravo,luis@ejemplo,
        Pedro,Salinas,pedro.salinas@example.mx,
        """;

    [Fact]
    public async Task Import_with_one_bad_row_reports_it_in_the_dry_run_and_the_import()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/import");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "clientes.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(Csv.ReplaceLineEndings("\r\n")),
        });

        // The mapping was suggested from the Spanish headers; the preview marks the bad row.
        await Assertions.Expect(page.GetByLabel("Correo", new() { Exact = true })).ToHaveValueAsync("email");
        await Assertions.Expect(page.GetByTestId("import-preview")).ToContainTextAsync("luis@ejemplo");
        await BrowserFixture.ScreenshotAsync(page, "09-import-mapping");

        await page.GetByRole(AriaRole.Button, new() { Name = "Probar sin guardar" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Terminada")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-rejected] strong")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=import-created] strong")).ToHaveTextAsync("2");
        await BrowserFixture.ScreenshotAsync(page, "10-import-dry-run");

        await page.GetByRole(AriaRole.Button, new() { Name = "Importar ahora" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resultado de la importación" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Terminada")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-rejected] strong")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=import-created] strong")).ToHaveTextAsync("2");
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Descargar rechazos (CSV)" });
        await Assertions.Expect(download).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "11-import-done");

        var rejects = await page.Context.APIRequest.GetAsync(await download.GetAttributeAsync("href") ?? "");
        Assert.Equal(200, rejects.Status);
        var text = await rejects.TextAsync();
        Assert.Contains("luis@ejemplo", text, StringComparison.Ordinal);
        Assert.StartsWith("fila,campo,valor,gravedad,motivo\r\n", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",error,'luis@ejemplo' no", text, StringComparison.Ordinal);

        await BrowserFixture.GotoInteractiveAsync(page, "/contacts");
        await page.GetByLabel("Buscar contactos").FillAsync("mariana");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mariana Quintero" })).ToBeVisibleAsync();
    }
}
