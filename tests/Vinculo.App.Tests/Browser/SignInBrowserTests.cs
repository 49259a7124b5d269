using Microsoft.Playwright;

namespace Vinculo.App.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_sign_in_page_in_spanish()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vinculo" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "01-login");
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Correo electrónico").FillAsync(RunningApp.AdminEmail);
        await page.GetByLabel("Contraseña").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrectos");
    }

    [Fact]
    public async Task Admin_signs_in_and_sees_the_dashboard_and_can_switch_to_english()
    {
        var page = await fixture.SignedInPageAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tablero" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("stat-contacts")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "02-dashboard");

        // The language menu's button is named for screen readers, then offers the languages.
        await page.GetByRole(AriaRole.Button, new() { Name = "Idioma", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Language", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Español (México)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tablero" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Keyboard_only_sign_in_and_skip_link()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");
        // The email field has focus on arrival; Tab moves to the password, Enter submits.
        await page.Keyboard.TypeAsync(RunningApp.AdminEmail);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(RunningApp.AdminPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
        await BrowserFixture.WaitInteractiveAsync(page);

        // Blazor moves focus to the page's heading once interactive; let that happen first, so it cannot
        // land between the Tab and the check below.
        try
        {
            await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'", null, new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            // Focus stayed at the top of the page: the same starting point as below.
        }

        // From the top of the page the first Tab reaches the skip link, which leads past the menu to the content.
        await page.EvaluateAsync("() => { const start = document.createElement('span'); start.tabIndex = -1; document.body.prepend(start); start.focus(); }");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Saltar al contenido");
    }
}
