using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Families;
using Vinculo.Storage;

namespace Vinculo.Workspaces;

public static class CurrentWorkspace
{
    /// <summary>The workspace a context was opened for (country, age of majority, time zone drive validation).</summary>
    public static async Task<Workspace> CurrentWorkspaceAsync(this VinculoDbContext db, CancellationToken ct = default)
    {
        var id = db.WorkspaceId ?? throw new InvalidOperationException("The context is not bound to a workspace.");
        return await db.Set<Workspace>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct)
            ?? throw new NotFoundException("Workspace", id);
    }

    /// <summary>Today's date in the workspace's time zone: a birthday begins at local midnight.</summary>
    public static DateOnly Today(this Workspace workspace, TimeProvider time) =>
        AgePolicy.Today(time, TimeZoneInfo.TryFindSystemTimeZoneById(workspace.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc);
}
