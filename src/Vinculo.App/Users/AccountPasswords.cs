using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Storage;
using Vinculo.Users;
using Vinculo.Workspaces;

namespace Vinculo.App.Users;

/// <summary>
/// A signed-in person changes their own password (the change-password page, a static form in the
/// request's scope). Refusals are <see cref="ValidationFailedException"/>s whose fields are
/// "current", "new" and "confirmation" and whose reasons are the constants below, all reported together.
/// </summary>
public sealed class AccountPasswords(UserManager<VinculoUser> users, SignInManager<VinculoUser> signIn, ILogger<AccountPasswords> log, VinculoDatabase database, TimeProvider time)
{
    public const string Required = "required";
    public const string Incorrect = "incorrect";
    public const string TooShort = "too-short";
    public const string TooLong = "too-long";
    public const string Mismatch = "mismatch";
    public const string Unchanged = "unchanged";

    /// <summary>
    /// Checks the current password (a wrong one counts towards lockout, as at sign-in), applies the
    /// password policy, stores the new password and clears the one-time flag. The security stamp
    /// changes, which ends the person's other sessions; the caller refreshes this one's cookie.
    /// </summary>
    /// <returns>The updated user, or null when the wrong current password locked the account.</returns>
    public async Task<VinculoUser?> ChangeAsync(ClaimsPrincipal principal, string? current, string? next, string? confirmation)
    {
        var user = await users.GetUserAsync(principal) ?? throw new NotFoundException("User", principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(next))
        {
            errors.Add("new", Required);
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, next);
                foreach (var error in result.Errors)
                {
                    errors.Add("new", error.Code == nameof(IdentityErrorDescriber.PasswordTooShort) ? TooShort : error.Code == "PasswordTooLong" ? TooLong : error.Code);
                }
            }

            if (next == current)
            {
                errors.Add("new", Unchanged);
            }
        }

        if (!string.IsNullOrEmpty(next) && confirmation != next)
        {
            errors.Add("confirmation", Mismatch);
        }

        if (string.IsNullOrEmpty(current))
        {
            errors.Add("current", Required);
        }
        else
        {
            var check = await signIn.CheckPasswordSignInAsync(user, current, lockoutOnFailure: true);
            if (check.IsLockedOut)
            {
                log.LogWarning("Password change locked user {UserId} out after wrong current passwords", user.Id);
                return null;
            }

            if (!check.Succeeded)
            {
                errors.Add("current", Incorrect);
            }
        }

        errors.ThrowIfAny();
        var wasOneTime = user.MustChangePassword;
        user.MustChangePassword = false;
        var changed = await users.ChangePasswordAsync(user, current!, next!);
        if (!changed.Succeeded)
        {
            user.MustChangePassword = wasOneTime;
            throw new ValidationFailedException([.. changed.Errors.Select(e => new FieldError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "current" : "new", e.Code))]);
        }

        log.LogInformation("User {UserId} changed their password (one-time: {WasOneTime})", user.Id, wasOneTime);
        await AuditInEveryWorkspaceAsync(user, wasOneTime);
        return user;
    }

    /// <summary>
    /// A login is shared by all the person's workspaces, so the change is recorded in each of them:
    /// every workspace's Admins see that a member's credentials changed. Written right after
    /// Identity's own save (no shared transaction); never the password.
    /// </summary>
    private async Task AuditInEveryWorkspaceAsync(VinculoUser user, bool wasOneTime)
    {
        List<Guid> workspaceIds;
        await using (var all = database.OpenAll())
        {
            workspaceIds = await all.Set<WorkspaceMembership>().Where(m => m.UserId == user.Id).Select(m => m.WorkspaceId).ToListAsync();
        }

        var actor = user.UserName ?? user.Email ?? user.Id;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var workspaceId in workspaceIds)
        {
            await using var db = database.Open(workspaceId);
            await db.SaveChangesAuditedAsync(actor, now, [WorkspaceUsers.UserEvent(AuditActions.UserPasswordChanged, user.Id, new { userId = user.Id, email = user.Email, wasOneTime })]);
        }
    }
}
