using Microsoft.EntityFrameworkCore;
using Vinculo.Storage;

namespace Vinculo.Workspaces;

/// <summary>
/// The time zone of the scope's workspace, read once per scope (a request, a UI circuit), so what
/// people see happened at their local time. Stored times stay UTC; only display converts.
/// </summary>
public sealed class WorkspaceTimeZone(IDbContextFactory<VinculoDbContext> contexts)
{
    private TimeZoneInfo? _zone;

    /// <summary>Loaded on first use, synchronously, since pages format while rendering.</summary>
    public TimeZoneInfo Zone => _zone ??= Load();

    /// <summary>A UTC instant as the workspace's wall-clock time.</summary>
    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>An IANA (or Windows) zone id, or UTC when the id is unknown.</summary>
    public static TimeZoneInfo Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private TimeZoneInfo Load()
    {
        using var db = contexts.CreateDbContext();
        var id = db.WorkspaceId;
        return Find(db.Set<Workspace>().AsNoTracking().Where(w => w.Id == id).Select(w => w.TimeZone).FirstOrDefault());
    }
}
