using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Vinculo.Users;
using Vinculo.Workspaces;

namespace Vinculo.App.Users;

/// <summary>The login of a user that was created or reset, for a person to type in.</summary>
public sealed record UserLogin(string Email, string Password);

/// <summary>Creating users outside the UI: the demo verb and first-run set-up.</summary>
public static class UserAdmin
{
    /// <summary>
    /// Makes sure <paramref name="email"/> can sign in as Admin of the workspace: creates the user when
    /// missing, sets the password (a new random one when none is given) and the membership.
    /// </summary>
    public static async Task<UserLogin> EnsureAdminAsync(IServiceProvider services, Guid workspaceId,
        string email = "admin@vinculo.local", string? password = null, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        password ??= NewPassword();

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new VinculoUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
            Check(await users.CreateAsync(user, password));
        }
        else
        {
            // Set-up and the demo hand this login to the person who runs them: not a one-time password.
            user.MustChangePassword = false;
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password));
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        await scope.ServiceProvider.GetRequiredService<WorkspaceService>().SetMemberRoleAsync(workspaceId, user.Id, WorkspaceRole.Admin, ct);
        return new UserLogin(email, password);
    }

    /// <summary>Adds a user with the given role in one workspace (tests, set-up).</summary>
    public static async Task<UserLogin> EnsureUserAsync(IServiceProvider services, Guid workspaceId, string email, string password, WorkspaceRole role, CancellationToken ct = default)
    {
        var login = await EnsureAdminAsync(services, workspaceId, email, password, ct);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("User vanished.");
        await scope.ServiceProvider.GetRequiredService<WorkspaceService>().SetMemberRoleAsync(workspaceId, user.Id, role, ct);
        return login;
    }

    /// <summary>20 characters from an alphabet without look-alikes: about 110 bits.</summary>
    public static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
