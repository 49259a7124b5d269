using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Storage;
using Vinculo.Users;
using Vinculo.Workspaces;

namespace Vinculo.App.Users;

/// <summary>A member of the workspace as the users page lists it.</summary>
public sealed record WorkspaceUserRow(string UserId, string Email, WorkspaceRole Role, bool IsLockedOut, DateTime? LockedOutUntil, DateTime CreatedAt, bool MustChangePassword = false);

/// <summary>
/// A user added to the workspace. <see cref="Password"/> is the generated one, shown to the Admin
/// once; null when the Admin chose it or when the person already had a login (another workspace).
/// </summary>
public sealed record AddedUser(string UserId, string Email, WorkspaceRole Role, string? Password, bool HadLogin);

/// <summary>A password an Admin reset: the new one-time <see cref="Password"/>, shown to the Admin once.</summary>
public sealed record PasswordReset(string UserId, string Email, string Password);

/// <summary>
/// The users of the scope's workspace for its Admins (Settings → Users): list with role and lockout,
/// add (with a generated password or one that obeys <see cref="PasswordPolicy"/>), change role,
/// remove from the workspace, unlock, reset the password. The workspace always keeps at least one Admin.
/// A password an Admin hands out, generated or typed, is one-time (<see cref="VinculoUser.MustChangePassword"/>).
/// Identity work runs in a fresh scope per operation, so a long-lived UI circuit never writes stale users.
/// </summary>
public sealed class WorkspaceUsers(IServiceScopeFactory scopes, VinculoDatabase database, WorkspaceScope scope, TimeProvider time, ILogger<WorkspaceUsers> log, AuditActor actor)
{
    /// <summary>ConflictException message: the change would leave the workspace without an Admin.</summary>
    public const string LastAdmin = "last-admin";

    /// <summary>ConflictException message: the email already belongs to a member.</summary>
    public const string AlreadyMember = "already-member";

    /// <summary>ConflictException message: the person's login also opens workspaces where the acting Admin is not an Admin.</summary>
    public const string SharedLogin = "shared-login";

    public async Task<IReadOnlyList<WorkspaceUserRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = database.Open(scope.WorkspaceId);
        var rows = await (from m in db.Set<WorkspaceMembership>()
                          join u in db.Set<VinculoUser>() on m.UserId equals u.Id
                          orderby u.NormalizedEmail
                          select new { u.Id, u.Email, m.Role, u.LockoutEnd, u.CreatedAt, u.MustChangePassword }).AsNoTracking().ToListAsync(ct);
        var now = time.GetUtcNow();
        return [.. rows.Select(r => new WorkspaceUserRow(r.Id, r.Email ?? "", r.Role, r.LockoutEnd > now, r.LockoutEnd > now ? r.LockoutEnd.Value.UtcDateTime : null, r.CreatedAt, r.MustChangePassword))];
    }

    /// <summary>Adds a person by email with a role. With no <paramref name="password"/> a strong one is generated and returned once.</summary>
    public async Task<AddedUser> AddAsync(string email, WorkspaceRole role, string? password = null, CancellationToken ct = default)
    {
        email = email?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw new ValidationFailedException("email", "is not a valid email address");
        }

        await using var operation = scopes.CreateAsyncScope();
        var users = operation.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
        var workspaces = operation.ServiceProvider.GetRequiredService<WorkspaceService>();
        var user = await users.FindByEmailAsync(email);
        string? generated = null;
        var hadLogin = user is not null;
        if (user is null)
        {
            if (string.IsNullOrEmpty(password))
            {
                password = generated = UserAdmin.NewPassword();
            }

            // The Admin knows the password, generated or typed: the person replaces it at first sign-in.
            user = new VinculoUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime, MustChangePassword = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new ValidationFailedException([.. created.Errors.Select(e => new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", e.Code))]);
            }
        }
        else if ((await workspaces.ListForUserAsync(user.Id, ct)).Any(w => w.Workspace.Id == scope.WorkspaceId))
        {
            throw new ConflictException(AlreadyMember);
        }

        await SetRoleAuditedAsync(user.Id, role, AuditActions.UserAdded, new { userId = user.Id, email, role = role.ToString(), hadLogin }, ct);
        return new AddedUser(user.Id, email, role, generated, hadLogin);
    }

    public async Task ChangeRoleAsync(string userId, WorkspaceRole role, CancellationToken ct = default)
    {
        var current = await RoleOfAsync(userId, ct);
        if (current == WorkspaceRole.Admin && role != WorkspaceRole.Admin)
        {
            await EnsureAnotherAdminAsync(userId, ct);
        }

        if (current == role)
        {
            return;
        }

        await SetRoleAuditedAsync(userId, role, AuditActions.UserRoleChanged, new { userId, email = await EmailOfAsync(userId, ct), from = current.ToString(), to = role.ToString() }, ct);
    }

    /// <summary>Takes the person out of this workspace; their login stays for the other workspaces they belong to.</summary>
    public async Task RemoveAsync(string userId, CancellationToken ct = default)
    {
        var role = await RoleOfAsync(userId, ct);
        if (role == WorkspaceRole.Admin)
        {
            await EnsureAnotherAdminAsync(userId, ct);
        }

        var email = await EmailOfAsync(userId, ct);
        await using var db = database.Open(scope.WorkspaceId);
        var membership = await db.Set<WorkspaceMembership>().FirstOrDefaultAsync(m => m.UserId == userId, ct) ?? throw new NotFoundException("User", userId);
        db.Remove(membership);
        await db.SaveChangesAuditedAsync(actor, time, UserEvent(AuditActions.UserRemoved, userId, new { userId, email, role = role.ToString() }), ct);
    }

    /// <summary>Ends a lockout (too many failed sign-ins) and resets the failure count.</summary>
    public async Task UnlockAsync(string userId, CancellationToken ct = default)
    {
        await RoleOfAsync(userId, ct);
        await using var operation = scopes.CreateAsyncScope();
        var users = operation.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User", userId);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        // Identity saves on its own context: the entry follows the successful change.
        await RecordAsync(UserEvent(AuditActions.UserUnlocked, userId, new { userId, email = user.Email }), ct);
    }

    /// <summary>
    /// Gives the member a new generated one-time password (returned once), unlocks them and changes
    /// their security stamp, so their open sessions end. A login is shared by all the person's
    /// workspaces, so only an Admin of every one of them (<paramref name="actorUserId"/>) may reset it.
    /// </summary>
    public async Task<PasswordReset> ResetPasswordAsync(string userId, string actorUserId, CancellationToken ct = default)
    {
        await RoleOfAsync(userId, ct);
        await using var operation = scopes.CreateAsyncScope();
        var workspaces = operation.ServiceProvider.GetRequiredService<WorkspaceService>();
        var actorAdminOf = (await workspaces.ListForUserAsync(actorUserId, ct)).Where(w => w.Role == WorkspaceRole.Admin).Select(w => w.Workspace.Id).ToHashSet();
        if ((await workspaces.ListForUserAsync(userId, ct)).Any(w => !actorAdminOf.Contains(w.Workspace.Id)))
        {
            throw new ConflictException(SharedLogin);
        }

        var users = operation.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User", userId);
        var password = UserAdmin.NewPassword();
        user.MustChangePassword = true;
        // Resetting also changes the security stamp, which is what ends the person's sessions.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", reset.Errors.Select(e => e.Description)));
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        log.LogInformation("Password of user {UserId} reset by {ActorUserId} in workspace {WorkspaceId}", userId, actorUserId, scope.WorkspaceId);
        // Never the password: who, whose, when.
        await RecordAsync(UserEvent(AuditActions.UserPasswordReset, userId, new { userId, email = user.Email }), ct);
        return new PasswordReset(user.Id, user.Email ?? "", password);
    }

    /// <summary>The member's role here; NotFound for someone who is not a member (no reaching into other workspaces).</summary>
    private async Task<WorkspaceRole> RoleOfAsync(string userId, CancellationToken ct)
    {
        await using var db = database.Open(scope.WorkspaceId);
        var membership = await db.Set<WorkspaceMembership>().AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId, ct);
        return membership?.Role ?? throw new NotFoundException("User", userId);
    }

    /// <summary>Gives the user the role here and writes <paramref name="action"/> to the audit log in the same save.</summary>
    private async Task SetRoleAuditedAsync(string userId, WorkspaceRole role, string action, object details, CancellationToken ct)
    {
        await using var db = database.Open(scope.WorkspaceId);
        var membership = await db.Set<WorkspaceMembership>().FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (membership is null)
        {
            membership = new WorkspaceMembership { UserId = userId };
            db.Add(membership);
        }

        membership.Role = role;
        await db.SaveChangesAuditedAsync(actor, time, UserEvent(action, userId, details), ct);
    }

    private async Task RecordAsync(AuditEvent audit, CancellationToken ct)
    {
        await using var db = database.Open(scope.WorkspaceId);
        await db.SaveChangesAuditedAsync(actor, time, audit, ct);
    }

    internal static AuditEvent UserEvent(string action, string userId, object details) =>
        new(action, null, "User", Guid.TryParse(userId, out var id) ? id : null, details);

    private async Task<string?> EmailOfAsync(string userId, CancellationToken ct)
    {
        await using var db = database.OpenAll();
        return await db.Set<VinculoUser>().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
    }

    private async Task EnsureAnotherAdminAsync(string userId, CancellationToken ct)
    {
        await using var db = database.Open(scope.WorkspaceId);
        if (!await db.Set<WorkspaceMembership>().AnyAsync(m => m.Role == WorkspaceRole.Admin && m.UserId != userId, ct))
        {
            throw new ConflictException(LastAdmin);
        }
    }
}

public static class WorkspaceUsersServiceCollection
{
    public static IServiceCollection AddWorkspaceUsers(this IServiceCollection services) => services.AddScoped<WorkspaceUsers>();
}
