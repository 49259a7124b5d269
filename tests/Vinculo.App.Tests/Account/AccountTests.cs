using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.App.Tests.Browser;
using Vinculo.App.Users;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Account;

/// <summary>Sign-in, lockout, antiforgery and per-workspace roles, over HTTP against the real app on Kestrel.</summary>
public sealed class AccountTests : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Login_without_the_antiforgery_token_is_refused()
    {
        using var client = SignInClient.Create(_app);
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = RunningApp.AdminEmail,
            ["Password"] = RunningApp.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        using var client = SignInClient.Create(_app);
        for (var i = 0; i < 4; i++)
        {
            var wrong = await SignInClient.PostLoginAsync(client, RunningApp.AdminEmail, "wrong password " + i);
            Assert.Contains("error=invalid", wrong.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        }

        // The fifth failure is the one that locks.
        var fifth = await SignInClient.PostLoginAsync(client, RunningApp.AdminEmail, "wrong password 4");
        Assert.Contains("error=locked", fifth.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);

        var right = await SignInClient.PostLoginAsync(client, RunningApp.AdminEmail, RunningApp.AdminPassword);
        Assert.Contains("error=locked", right.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_may_read_but_not_open_admin_settings()
    {
        await UserAdmin.EnsureUserAsync(_app.Services, _app.Workspace.Id, "viewer@vinculo.test", "viewer password 123", WorkspaceRole.Viewer);
        using var client = SignInClient.Create(_app);
        var login = await SignInClient.PostLoginAsync(client, "viewer@vinculo.test", "viewer password 123");
        Assert.Equal("/", login.Headers.Location?.ToString());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var settings = await client.GetAsync("/settings/normalization");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith("/account/denied", settings.Headers.Location?.PathAndQuery ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_opens_admin_settings_and_a_user_without_membership_opens_nothing()
    {
        using var admin = SignInClient.Create(_app);
        await SignInClient.PostLoginAsync(admin, RunningApp.AdminEmail, RunningApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/settings/normalization")).StatusCode);

        var other = await RunningApp.EnsureWorkspaceAsync(_app.Services, "otra-marca", "Otra marca");
        await UserAdmin.EnsureUserAsync(_app.Services, other.Id, "outsider@vinculo.test", "outsider password 1", WorkspaceRole.Admin);
        var jar = new CookieContainer();
        using var outsider = SignInClient.Create(_app, jar);
        await SignInClient.PostLoginAsync(outsider, "outsider@vinculo.test", "outsider password 1");
        // Asking for the first workspace by cookie is ignored: the outsider stays in their own.
        jar.Add(_app.Address, new Cookie("vinculo.workspace", _app.Workspace.Id.ToString()));
        var page = await outsider.GetStringAsync("/");
        Assert.Contains("Otra marca", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Tienda de prueba", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_rules_follow_asvs_level_2()
    {
        var options = new Microsoft.AspNetCore.Identity.PasswordOptions();
        PasswordPolicy.Apply(options);
        Assert.True(options.RequiredLength >= 8);
        Assert.False(options.RequireDigit || options.RequireUppercase || options.RequireLowercase || options.RequireNonAlphanumeric);
        Assert.True(PasswordPolicy.MaxLength >= 64);
    }
}
