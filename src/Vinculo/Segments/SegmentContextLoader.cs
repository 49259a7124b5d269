using Microsoft.EntityFrameworkCore;
using Vinculo.Analytics;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Segments.Compilation;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Segments;

/// <summary>Reads what compiling needs for the context's workspace: clock, age of majority, RFM thresholds, custom fields, other segments.</summary>
internal static class SegmentContextLoader
{
    public static async Task<SegmentCompileContext> LoadAsync(VinculoDbContext db, TimeProvider time, CancellationToken ct)
    {
        var workspaceId = db.WorkspaceId ?? throw new InvalidOperationException("Segments need a context opened for one workspace.");
        var workspace = await db.Set<Workspace>().AsNoTracking().SingleAsync(w => w.Id == workspaceId, ct);
        var rfm = await db.Set<RfmThresholds>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new RfmThresholds { WorkspaceId = workspaceId };
        var fields = await db.Set<CustomFieldDefinition>().AsNoTracking()
            .Where(f => f.Target == CustomFieldTarget.Contact)
            .ToDictionaryAsync(f => f.Key, f => f.Type, ct);
        var segments = await db.Set<Segment>().AsNoTracking().Select(s => new { s.Id, s.Definition }).ToListAsync(ct);
        var others = new Dictionary<Guid, SegmentDefinition>();
        foreach (var s in segments)
        {
            try
            {
                others[s.Id] = SegmentDefinition.Parse(s.Definition);
            }
            catch (Common.ValidationFailedException)
            {
                // A stored definition that no longer parses is reported when that segment itself runs.
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        return new SegmentCompileContext(workspaceId, now, AgePolicy.Today(time, Zone(workspace.TimeZone)), workspace.AgeOfMajority, rfm, fields, others);
    }

    public static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
