using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.App.Tests.Browser;
using Vinculo.App.Users;
using Vinculo.Common;
using Vinculo.Storage;
using Vinculo.Users;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Account;

/// <summary>
/// One-time passwords (added or reset by an Admin), the forced change, the change form and the admin
/// reset, over HTTP against the real app on Kestrel and through the services the pages call.
/// </summary>
public sealed partial class PasswordTests : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_one_time_password_leads_every_page_to_the_change_form_until_a_valid_one_is_chosen()
    {
        var added = await InWorkspaceAsync(members => members.AddAsync("nuevo@vinculo.test", WorkspaceRole.Marketer));
        var oneTime = added.Password ?? throw new InvalidOperationException("no generated password");
        using var client = SignInClient.Create(_app);
        Assert.Equal("/", (await SignInClient.PostLoginAsync(client, added.Email, oneTime)).Headers.Location?.ToString());

        foreach (var asked in new[] { "/", "/contacts?q=ana", "/settings/users", "/no-such-page" })
        {
            var response = await client.GetAsync(asked);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/password?returnUrl=" + Uri.EscapeDataString(asked), response.Headers.Location?.OriginalString);
        }

        // What the change page itself needs still loads; a form post elsewhere is refused.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_framework/blazor.web.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.css")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/account/workspace/" + _app.Workspace.Id, null)).StatusCode);

        // Field by field: the rules, the confirmation, the current password.
        var refused = await PostChangeAsync(client, "wrong current", "corta", "otra");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("La contraseña actual no es correcta.", page, StringComparison.Ordinal);
        Assert.Contains($"La contraseña debe tener de {PasswordPolicy.MinLength} a {PasswordPolicy.MaxLength} caracteres.", page, StringComparison.Ordinal);
        Assert.Contains("La confirmación no coincide con la nueva contraseña.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var same = WebUtility.HtmlDecode(await (await PostChangeAsync(client, oneTime, oneTime, oneTime)).Content.ReadAsStringAsync());
        Assert.Contains("La nueva contraseña debe ser distinta de la actual.", same, StringComparison.Ordinal);

        var accepted = await PostChangeAsync(client, oneTime, "mi propia contraseña larga", "mi propia contraseña larga");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.StartsWith("/account/password?changed=true", accepted.Headers.Location?.PathAndQuery ?? "", StringComparison.Ordinal);
        // The refreshed cookie no longer carries the one-time flag: pages open again.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.False((await FindUserAsync(added.Email)).MustChangePassword);

        using var again = SignInClient.Create(_app);
        Assert.Contains("error=invalid", (await SignInClient.PostLoginAsync(again, added.Email, oneTime)).Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("/", (await SignInClient.PostLoginAsync(again, added.Email, "mi propia contraseña larga")).Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_change_form_needs_its_antiforgery_token()
    {
        using var client = SignInClient.Create(_app);
        await SignInClient.PostLoginAsync(client, RunningApp.AdminEmail, RunningApp.AdminPassword);
        var response = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["Input.Current"] = RunningApp.AdminPassword,
            ["Input.New"] = "a brand new password",
            ["Input.Confirmation"] = "a brand new password",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await CheckPasswordAsync(RunningApp.AdminEmail, RunningApp.AdminPassword));
    }

    [Fact]
    public async Task A_chosen_password_is_one_time_too_but_set_up_admins_are_not_forced()
    {
        var chosen = await InWorkspaceAsync(members => members.AddAsync("elegida@vinculo.test", WorkspaceRole.Viewer, "una contraseña elegida"));
        Assert.Null(chosen.Password);
        Assert.True((await FindUserAsync(chosen.Email)).MustChangePassword);

        // The set-up path (demo, first run) hands its login to whoever runs it, even over a one-time flag.
        await UserAdmin.EnsureAdminAsync(_app.Services, _app.Workspace.Id, chosen.Email, "contraseña del arranque");
        Assert.False((await FindUserAsync(chosen.Email)).MustChangePassword);
        Assert.False((await FindUserAsync(RunningApp.AdminEmail)).MustChangePassword);
        using var client = SignInClient.Create(_app);
        await SignInClient.PostLoginAsync(client, RunningApp.AdminEmail, RunningApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Admin_reset_gives_a_one_time_password_unlocks_and_ends_the_sessions()
    {
        await UserAdmin.EnsureUserAsync(_app.Services, _app.Workspace.Id, "agente@vinculo.test", "la contraseña de antes", WorkspaceRole.Agent);
        using var before = SignInClient.Create(_app);
        await SignInClient.PostLoginAsync(before, "agente@vinculo.test", "la contraseña de antes");
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/")).StatusCode);

        ClaimsPrincipal session;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
            var user = await users.FindByEmailAsync("agente@vinculo.test") ?? throw new InvalidOperationException("no user");
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
            session = await scope.ServiceProvider.GetRequiredService<SignInManager<VinculoUser>>().CreateUserPrincipalAsync(user);
            Assert.True(await Assert.IsType<RevalidatingUserState>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>()).IsCurrentAsync(session));
        }

        var admin = await FindUserAsync(RunningApp.AdminEmail);
        var agent = await FindUserAsync("agente@vinculo.test");
        var reset = await InWorkspaceAsync(members => members.ResetPasswordAsync(agent.Id, admin.Id));

        Assert.True(reset.Password.Length >= PasswordPolicy.MinLength);
        Assert.False(await CheckPasswordAsync("agente@vinculo.test", "la contraseña de antes"));
        Assert.True(await CheckPasswordAsync("agente@vinculo.test", reset.Password));
        var after = await FindUserAsync("agente@vinculo.test");
        Assert.True(after.MustChangePassword);
        Assert.Null(after.LockoutEnd);
        Assert.NotEqual(agent.SecurityStamp, after.SecurityStamp);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            // What the cookie check does at its next interval: the old session's stamp no longer matches.
            Assert.Null(await scope.ServiceProvider.GetRequiredService<SignInManager<VinculoUser>>().ValidateSecurityStampAsync(session));
            // And what an open page's circuit checks.
            var circuitState = Assert.IsType<RevalidatingUserState>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
            Assert.False(await circuitState.IsCurrentAsync(session));
        }

        using var client = SignInClient.Create(_app);
        await SignInClient.PostLoginAsync(client, "agente@vinculo.test", reset.Password);
        Assert.StartsWith("/account/password", (await client.GetAsync("/contacts")).Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_is_refused_for_a_login_that_also_opens_a_workspace_the_admin_does_not_administer()
    {
        var other = await RunningApp.EnsureWorkspaceAsync(_app.Services, "otra-marca", "Otra marca");
        await UserAdmin.EnsureUserAsync(_app.Services, other.Id, "compartida@vinculo.test", "contraseña compartida", WorkspaceRole.Admin);
        await InWorkspaceAsync(members => members.AddAsync("compartida@vinculo.test", WorkspaceRole.Viewer));
        var admin = await FindUserAsync(RunningApp.AdminEmail);
        var shared = await FindUserAsync("compartida@vinculo.test");

        var refused = await Assert.ThrowsAsync<ConflictException>(() => InWorkspaceAsync(members => members.ResetPasswordAsync(shared.Id, admin.Id)));
        Assert.Equal(WorkspaceUsers.SharedLogin, refused.Message);
        Assert.True(await CheckPasswordAsync("compartida@vinculo.test", "contraseña compartida"));
        Assert.False((await FindUserAsync("compartida@vinculo.test")).MustChangePassword);

        // Someone outside the workspace is not found at all.
        await UserAdmin.EnsureUserAsync(_app.Services, other.Id, "ajena@vinculo.test", "contraseña ajena 123", WorkspaceRole.Viewer);
        var outsider = await FindUserAsync("ajena@vinculo.test");
        await Assert.ThrowsAsync<NotFoundException>(() => InWorkspaceAsync(members => members.ResetPasswordAsync(outsider.Id, admin.Id)));
    }

    private async Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string current, string next, string confirmation)
    {
        var form = await client.GetStringAsync("/account/password?returnUrl=%2F");
        return await client.PostAsync("/account/password?returnUrl=%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["_handler"] = "change-password",
            ["Input.Current"] = current,
            ["Input.New"] = next,
            ["Input.Confirmation"] = confirmation,
        }));
    }

    private async Task<T> InWorkspaceAsync<T>(Func<WorkspaceUsers, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = _app.Workspace.Id;
        return await work(scope.ServiceProvider.GetRequiredService<WorkspaceUsers>());
    }

    private async Task<VinculoUser> FindUserAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"no user {email}");
    }

    private async Task<bool> CheckPasswordAsync(string email, string password)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
        return await users.CheckPasswordAsync(await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("no user"), password);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
