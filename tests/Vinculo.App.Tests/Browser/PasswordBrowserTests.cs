using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vinculo.Users;

namespace Vinculo.App.Tests.Browser;

/// <summary>
/// One-time passwords: an Admin adds a user, who must choose their own password before anything else;
/// then the Admin resets it and the person must choose again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasswordBrowserTests(BrowserFixture fixture)
{
    private const string ChosenPassword = "una frase que solo yo conozco";

    [Fact]
    public async Task A_new_user_changes_the_one_time_password_before_anything_else_and_an_admin_reset_forces_it_again()
    {
        var email = $"vendedora.{Guid.NewGuid().ToString("N")[..8]}@vinculo.test";
        var admin = await fixture.SignedInPageAsync();
        await BrowserFixture.GotoInteractiveAsync(admin, "/settings/users");
        await admin.GetByTestId("new-user-email").FillAsync(email);
        await Assertions.Expect(admin.GetByTestId("new-user-email")).ToHaveValueAsync(email);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Agregar usuario" }).ClickAsync();
        var passwordBox = admin.GetByTestId("new-user-password");
        await Assertions.Expect(passwordBox).ToBeVisibleAsync();
        var oneTime = await passwordBox.InputValueAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Debe cambiar la contraseña");

        // Whatever the person asks for, they land on the change form first.
        var user = await fixture.NewPageAsync();
        await SignInAsync(user, email, oneTime);
        await Assertions.Expect(user.GetByTestId("password-one-time")).ToBeVisibleAsync();
        Assert.Contains("/account/password", user.Url, StringComparison.Ordinal);
        await user.GotoAsync("/contacts");
        await Assertions.Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Cambiar contraseña" })).ToBeVisibleAsync();
        Assert.Contains("/account/password?returnUrl=%2Fcontacts", user.Url, StringComparison.Ordinal);
        await user.GotoAsync("/");
        await Assertions.Expect(user.GetByTestId("password-one-time")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(user, "40-change-password-one-time");

        // Too short: the rule shows beside the field, and nothing changed.
        await FillAsync(user, oneTime, "corta", "corta");
        await user.GetByRole(AriaRole.Button, new() { Name = "Guardar contraseña" }).ClickAsync();
        await Assertions.Expect(user.Locator("#new-password-error")).ToHaveTextAsync("La contraseña debe tener de 12 a 128 caracteres.");
        await Assertions.Expect(user.GetByLabel("Nueva contraseña", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(user.GetByLabel("Nueva contraseña", new() { Exact = true })).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(user, "41-change-password-too-short");

        await FillAsync(user, oneTime, ChosenPassword, ChosenPassword);
        await user.GetByRole(AriaRole.Button, new() { Name = "Guardar contraseña" }).ClickAsync();
        await Assertions.Expect(user.GetByTestId("password-changed")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(user, "42-change-password-done");
        await user.GetByRole(AriaRole.Link, new() { Name = "Continuar" }).ClickAsync();
        await BrowserFixture.WaitInteractiveAsync(user);
        await Assertions.Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Tablero" })).ToBeVisibleAsync();

        // Signed out, the old password no longer opens the account; the chosen one does.
        await user.GetByRole(AriaRole.Button, new() { Name = "Salir" }).ClickAsync();
        // Waits for the sign-in form itself, not for the page's load event (slow on a busy machine).
        await Assertions.Expect(user.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync(new() { Timeout = 45_000 });
        Assert.Contains("/account/login", user.Url, StringComparison.Ordinal);
        await user.GetByLabel("Correo electrónico").FillAsync(email);
        await user.GetByLabel("Contraseña").FillAsync(oneTime);
        await user.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Assertions.Expect(user.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrectos");
        await SignInAsync(user, email, ChosenPassword);
        await BrowserFixture.WaitInteractiveAsync(user);
        await Assertions.Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Tablero" })).ToBeVisibleAsync();

        // The Admin resets it: a new one-time password, shown once; the chosen one stops working.
        await BrowserFixture.GotoInteractiveAsync(admin, "/settings/users");
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Assertions.Expect(row).Not.ToContainTextAsync("Debe cambiar la contraseña");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Restablecer contraseña {email}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Restablecer contraseña" }).ClickAsync();
        var resetBox = admin.GetByTestId("reset-password");
        await Assertions.Expect(resetBox).ToBeVisibleAsync();
        var reset = await resetBox.InputValueAsync();
        await Assertions.Expect(row).ToContainTextAsync("Debe cambiar la contraseña");
        await BrowserFixture.ScreenshotAsync(admin, "43-users-password-reset");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
            var stored = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("user vanished");
            Assert.True(stored.MustChangePassword);
            Assert.False(await users.CheckPasswordAsync(stored, ChosenPassword));
        }

        var again = await fixture.NewPageAsync();
        await SignInAsync(again, email, reset);
        await Assertions.Expect(again.GetByTestId("password-one-time")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_signed_in_user_reaches_the_change_form_from_the_account_menu_and_goes_back()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cuenta" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Cambiar contraseña" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cambiar contraseña" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("password-one-time")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "44-change-password");

        // A wrong current password is named as such, beside its field.
        await FillAsync(page, "not my password", "a long enough new password", "a long enough new password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar contraseña" }).ClickAsync();
        await Assertions.Expect(page.Locator("#current-password-error")).ToHaveTextAsync("La contraseña actual no es correcta.");

        // The same form in English, then back to where the person was.
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change password" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Current password")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    /// <summary>Signs in and waits for the page the server sent the person to (no interactivity assumed: the change form is static).</summary>
    internal static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>On the change form after signing in with a one-time password: chooses <paramref name="chosen"/> and continues to the app.</summary>
    internal static async Task ReplaceOneTimePasswordAsync(IPage page, string oneTime, string chosen)
    {
        await FillAsync(page, oneTime, chosen, chosen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar contraseña" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Continuar" }).ClickAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
    }

    private static async Task FillAsync(IPage page, string current, string next, string confirmation)
    {
        await page.GetByLabel("Contraseña actual").FillAsync(current);
        await page.GetByLabel("Nueva contraseña", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("Confirma la nueva contraseña").FillAsync(confirmation);
    }
}
