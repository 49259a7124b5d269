using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vinculo.Users;

namespace Vinculo.App.Tests.Browser;

/// <summary>Settings → Users: an Admin adds a user, who signs in with the one-time password and meets the role's limits.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UsersBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_adds_an_analyst_who_signs_in_and_sees_only_what_the_role_allows()
    {
        var email = $"analista.{Guid.NewGuid().ToString("N")[..8]}@vinculo.test";
        var admin = await fixture.SignedInPageAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Usuarios" }).ClickAsync();
        await BrowserFixture.WaitInteractiveAsync(admin);
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Usuarios", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("users-table")).ToContainTextAsync(RunningApp.AdminEmail);

        await admin.GetByTestId("new-user-email").FillAsync(email);
        await admin.GetByLabel("Rol", new() { Exact = true }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Analista", Exact = true }).ClickAsync();
        // The choice has reached the circuit once the form shows it and the list has closed.
        await Assertions.Expect(admin.GetByRole(AriaRole.Option, new() { Name = "Analista", Exact = true })).ToBeHiddenAsync();
        await Assertions.Expect(admin.Locator("form").Filter(new() { HasText = "Agregar usuario" })).ToContainTextAsync("Analista");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Agregar usuario" }).ClickAsync();
        var passwordBox = admin.GetByTestId("new-user-password");
        await Assertions.Expect(passwordBox).ToBeVisibleAsync();
        var password = await passwordBox.InputValueAsync();
        Assert.True(password.Length >= 12, $"generated password '{password}' is too short");
        await Assertions.Expect(admin.GetByTestId("users-table")).ToContainTextAsync(email);
        await Assertions.Expect(admin.GetByTestId("users-table")).ToContainTextAsync("Analista");
        await BrowserFixture.ScreenshotAsync(admin, "30-users-added");

        // The only Admin cannot demote themselves.
        var ownRow = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = RunningApp.AdminEmail });
        await ownRow.GetByLabel($"Rol {RunningApp.AdminEmail}").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Lector", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("users-error")).ToContainTextAsync("al menos un administrador");
        await Assertions.Expect(ownRow).ToContainTextAsync("Administrador");

        // The analyst signs in with the one-time password, chooses their own, then: contacts yes, import and settings no.
        var analyst = await SignInAsync(email, password);
        await PasswordBrowserTests.ReplaceOneTimePasswordAsync(analyst, password, "la contraseña de la analista");
        await Assertions.Expect(analyst.GetByRole(AriaRole.Link, new() { Name = "Contactos" })).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByRole(AriaRole.Link, new() { Name = "Importar" })).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.GetByRole(AriaRole.Link, new() { Name = "Usuarios" })).ToHaveCountAsync(0);
        await analyst.GotoAsync("/settings/users");
        await Assertions.Expect(analyst.GetByText("Tu rol en este espacio de trabajo no permite ver esta página.")).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByTestId("users-table")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(analyst, "31-analyst-denied-users");

        // Locked out (as after five wrong passwords): the Admin sees it and unlocks.
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("user not created");
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        await BrowserFixture.GotoInteractiveAsync(admin, "/settings/users");
        var analystRow = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Assertions.Expect(analystRow).ToContainTextAsync("Bloqueado hasta");
        await BrowserFixture.ScreenshotAsync(admin, "32-users-locked-out");
        await analystRow.GetByRole(AriaRole.Button, new() { Name = $"Desbloquear {email}" }).ClickAsync();
        await Assertions.Expect(analystRow).ToContainTextAsync("Activo");

        // Removed from the workspace: gone from the list.
        await analystRow.GetByRole(AriaRole.Button, new() { Name = $"Quitar del espacio {email}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Quitar del espacio" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("users-table")).Not.ToContainTextAsync(email);
    }

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }
}
