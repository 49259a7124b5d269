using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.Storage;

namespace Vinculo.Workspaces;

/// <summary>One workspace a user belongs to, with the role they have there.</summary>
public sealed record MembershipView(Guid WorkspaceId, string WorkspaceName, WorkspaceRole Role);

/// <summary>
/// Which workspaces a user may act in and as what. Crosses workspaces on purpose (sign-in happens
/// before a workspace is chosen), so it opens an all-workspaces context and filters by user.
/// </summary>
public sealed class MembershipService(VinculoDatabase database, TimeProvider time)
{
    public async Task<IReadOnlyList<MembershipView>> ListForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        return await (from m in db.Set<WorkspaceMembership>().AsNoTracking()
                      join w in db.Set<Workspace>().AsNoTracking() on m.WorkspaceId equals w.Id
                      where m.UserId == userId
                      orderby w.Name
                      select new MembershipView(w.Id, w.Name, m.Role)).ToListAsync(ct);
    }

    /// <summary>Adds the user to the workspace, or changes their role there.</summary>
    public async Task SetRoleAsync(string userId, Guid workspaceId, WorkspaceRole role, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        if (!await db.Set<Workspace>().AnyAsync(w => w.Id == workspaceId, ct))
        {
            throw new Common.NotFoundException("Workspace", workspaceId);
        }

        var membership = await db.Set<WorkspaceMembership>().FirstOrDefaultAsync(m => m.UserId == userId && m.WorkspaceId == workspaceId, ct);
        if (membership is null)
        {
            db.Add(new WorkspaceMembership { UserId = userId, WorkspaceId = workspaceId, Role = role });
        }
        else
        {
            membership.Role = role;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The workspace the demo and first-run set-up use: the one with this slug, created when missing.</summary>
    public async Task<Workspace> EnsureWorkspaceAsync(string slug, string name, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        var workspace = await db.Set<Workspace>().FirstOrDefaultAsync(w => w.Slug == slug, ct);
        if (workspace is null)
        {
            workspace = new Workspace { Slug = slug, Name = name, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Add(workspace);
            await db.SaveChangesAsync(ct);
        }

        return workspace;
    }
}

public static class MembershipServiceCollectionExtensions
{
    /// <summary>Workspace memberships (who may act where, and as what).</summary>
    public static IServiceCollection AddWorkspaceMemberships(this IServiceCollection services) => services.AddSingleton<MembershipService>();
}
