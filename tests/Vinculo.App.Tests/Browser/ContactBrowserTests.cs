using Microsoft.Playwright;

namespace Vinculo.App.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ContactBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Search_a_contact_open_the_360_view_and_follow_the_guardian_link()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Contactos" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contactos", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("contact-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\d+ contactos$"));
        await BrowserFixture.ScreenshotAsync(page, "03-contacts");

        await page.GetByLabel("Buscar contactos").FillAsync("sofia hern");
        var row = page.GetByRole(AriaRole.Link, new() { Name = SampleData.MinorName });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("contact-count")).ToHaveTextAsync("1 contacto");
        await row.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = SampleData.MinorName })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Menor de edad").First).ToBeVisibleAsync();
        var guardian = page.GetByTestId("guardian-link");
        await Assertions.Expect(guardian).ToHaveTextAsync(SampleData.GuardianName);
        await BrowserFixture.ScreenshotAsync(page, "04-contact-minor");

        await guardian.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = SampleData.GuardianName })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("child-link")).ToHaveTextAsync(SampleData.MinorName);
        await Assertions.Expect(page.Locator("dd").GetByText("Mujer", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = SampleData.OrganizationName })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Mochila escolar")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Correo abierto" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "05-contact-360");
    }

    [Fact]
    public async Task Search_by_email_and_filter_by_tag()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/contacts");
        await page.GetByLabel("Buscar contactos").FillAsync("ana.lopez@example.mx");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = SampleData.GuardianName })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("contact-count")).ToHaveTextAsync("1 contacto");

        await page.GetByLabel("Buscar contactos").FillAsync("");
        await Assertions.Expect(page.GetByTestId("contact-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\d+ contactos$"));
        await page.GetByLabel("Filtrar por etiqueta").ClickAsync();
        await page.GetByText("kids-club", new() { Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("contact-count")).ToHaveTextAsync("1 contacto");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = SampleData.MinorName })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Organizations_and_settings_pages_render()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/organizations");
        await page.GetByRole(AriaRole.Link, new() { Name = SampleData.OrganizationName }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = SampleData.GuardianName })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "06-organization");

        await BrowserFixture.GotoInteractiveAsync(page, "/settings/custom-fields");
        await page.GetByLabel("Clave").FillAsync("talla_ropa");
        await page.GetByLabel("Etiqueta").FillAsync("Talla de ropa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "talla_ropa", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "07-custom-fields");

        await BrowserFixture.GotoInteractiveAsync(page, "/settings/api-keys");
        await page.GetByLabel("Nombre").FillAsync("Tienda en línea");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear clave" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-api-key")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(".{20,}"));
        await BrowserFixture.ScreenshotAsync(page, "08-api-keys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revocar Tienda en línea" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Revocada", Exact = false })).ToBeVisibleAsync();
    }
}
