using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vinculo.App.Users;
using Vinculo.Audit;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Browser;

/// <summary>Settings → Auditoría: an Admin finds the API key they just made; other roles cannot open the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_creates_an_api_key_and_finds_it_in_the_audit_log_filtered_by_api_keys()
    {
        // Something that is not about API keys, so the filter has something to leave out.
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = fixture.App.Workspace.Id;
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "pos-integracion";
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync("contact.read", fixture.Data.GuardianId, "Contact", fixture.Data.GuardianId,
                new { method = "GET", path = $"/api/v1/contacts/{fixture.Data.GuardianId}" });
        }

        var keyName = $"Caja {Guid.NewGuid().ToString("N")[..6]}";
        var admin = await fixture.SignedInPageAsync();
        await BrowserFixture.GotoInteractiveAsync(admin, "/settings/api-keys");
        await admin.GetByLabel("Nombre").FillAsync(keyName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Crear clave" }).ClickAsync();
        // Created on the server once the secret is shown and the list has the key.
        await Assertions.Expect(admin.GetByTestId("new-api-key")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Table)).ToContainTextAsync(keyName);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Auditoría" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Auditoría", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.WaitInteractiveAsync(admin);
        var table = admin.GetByTestId("audit-table");
        await Assertions.Expect(table).ToContainTextAsync("Leyó el contacto");
        await Assertions.Expect(table).ToContainTextAsync(SampleData.GuardianName);
        await Assertions.Expect(table).ToContainTextAsync(keyName);
        await BrowserFixture.ScreenshotAsync(admin, "50-audit-log");

        await admin.GetByLabel("Acción", new() { Exact = true }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Grupo: Claves de API", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Option, new() { Name = "Grupo: Claves de API", Exact = true })).ToBeHiddenAsync();
        // Applied on the server: only API-key entries are left, ours among them, by the signed-in Admin.
        await Assertions.Expect(table.Locator("[data-action]:not([data-action^='api_key.'])")).ToHaveCountAsync(0);
        var row = table.Locator("tr").Filter(new() { HasText = keyName });
        await Assertions.Expect(row).ToContainTextAsync("Creó una clave de API");
        await Assertions.Expect(row).ToContainTextAsync(RunningApp.AdminEmail);
        await Assertions.Expect(row).Not.ToContainTextAsync("vk_live");
        var export = await admin.GetByTestId("audit-export").GetAttributeAsync("href");
        Assert.Contains("action=group%3AApiKeys", export, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(admin, "51-audit-log-api-keys");

        // The contact page shows its access history to Admins.
        await BrowserFixture.GotoInteractiveAsync(admin, $"/contacts/{fixture.Data.GuardianId}");
        var history = admin.GetByTestId("access-history");
        await Assertions.Expect(history).ToContainTextAsync("Historial de accesos");
        await Assertions.Expect(history).ToContainTextAsync("pos-integracion");
        await BrowserFixture.ScreenshotAsync(admin, "52-contact-access-history");
    }

    [Fact]
    public async Task A_marketer_cannot_open_the_audit_log_nor_see_a_contacts_access_history()
    {
        var email = $"mercadologa.{Guid.NewGuid().ToString("N")[..8]}@vinculo.test";
        await UserAdmin.EnsureUserAsync(fixture.App.Services, fixture.App.Workspace.Id, email, "la contraseña de la mercadóloga", WorkspaceRole.Marketer);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync("la contraseña de la mercadóloga");
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
        await BrowserFixture.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Contactos" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Auditoría" })).ToHaveCountAsync(0);

        await page.GotoAsync("/settings/audit");
        await Assertions.Expect(page.GetByText("Tu rol en este espacio de trabajo no permite ver esta página.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("audit-table")).ToHaveCountAsync(0);

        await BrowserFixture.GotoInteractiveAsync(page, $"/contacts/{fixture.Data.GuardianId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = SampleData.GuardianName })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("family-card")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("access-history")).ToHaveCountAsync(0);
    }
}
