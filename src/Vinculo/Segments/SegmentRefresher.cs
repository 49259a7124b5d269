using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Segments.Compilation;
using Vinculo.Storage;

namespace Vinculo.Segments;

public sealed record SegmentRefreshResult(Guid SegmentId, int Entered, int Exited, int Members);

/// <summary>
/// Brings materialized membership in line with the definition as one set-based diff in one transaction:
/// the current result goes to a temporary table, stays are closed and opened against it, and each
/// entry and exit is written to the timeline ("segment.entered" / "segment.exited") for journeys.
/// Refreshing again with nothing changed writes nothing.
/// </summary>
public sealed class SegmentRefresher(IDbContextFactory<VinculoDbContext> factory, TimeProvider time)
{
    public const string EnteredEvent = "segment.entered";
    public const string ExitedEvent = "segment.exited";
    private const string Source = "segments";
    private const string Temp = "segment_refresh_ids";

    public async Task<SegmentRefreshResult> RefreshAsync(Guid segmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId, ct)
            ?? throw new NotFoundException("Segment", segmentId);
        var context = await SegmentContextLoader.LoadAsync(db, time, ct);
        var compiled = SegmentService.ValidateAndCompile(SegmentDefinition.Parse(segment.Definition), context, db.Provider, segmentId);
        var dialect = SqlDialect.For(db.Provider);

        var properties = JsonSerializer.Serialize(new { segment_id = segment.Id, segment_name = segment.Name, version = segment.Version });
        List<KeyValuePair<string, object?>> p =
        [
            new("@ws", context.WorkspaceId),
            new("@seg", segmentId),
            new("@now", context.Now),
            new("@props", properties),
            new("@no", false),
        ];
        var notInResult = $"NOT EXISTS (SELECT 1 FROM {Temp} n WHERE n.contact_id = m.contact_id)";
        var open = "m.workspace_id = @ws AND m.segment_id = @seg AND m.exited_at IS NULL";
        var notMember = $"NOT EXISTS (SELECT 1 FROM segment_memberships m WHERE {open} AND m.contact_id = n.contact_id)";
        string Event(string type, string from) =>
            "INSERT INTO interactions (id, workspace_id, contact_id, type, occurred_at, recorded_at, properties, source) " +
            $"SELECT {dialect.NewId}, @ws, {from}, '{type}', @now, @now, {dialect.AsJson("@props")}, '{Source}'";

        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Takes the segment's row lock first so concurrent refreshes of one segment run one after the other.
        await SqlRunner.ExecuteAsync(db, "UPDATE segments SET member_count = member_count WHERE id = @seg", p, ct);
        await SqlRunner.ExecuteAsync(db, dialect.DropTempTable(Temp), [], ct);
        await SqlRunner.ExecuteAsync(db, dialect.CreateTempIdTable(Temp), [], ct);
        var members = await SqlRunner.ExecuteAsync(db, $"INSERT INTO {Temp} (contact_id) {compiled.SelectIds}", compiled.Parameters, ct);

        await SqlRunner.ExecuteAsync(db, $"{Event(ExitedEvent, "m.contact_id")} FROM segment_memberships m WHERE {open} AND {notInResult}", p, ct);
        var exited = await SqlRunner.ExecuteAsync(db,
            $"UPDATE segment_memberships SET exited_at = @now WHERE id IN (SELECT m.id FROM segment_memberships m WHERE {open} AND {notInResult})", p, ct);
        await SqlRunner.ExecuteAsync(db, $"{Event(EnteredEvent, "n.contact_id")} FROM {Temp} n WHERE {notMember}", p, ct);
        var entered = await SqlRunner.ExecuteAsync(db,
            $"INSERT INTO segment_memberships (id, workspace_id, segment_id, contact_id, entered_at) SELECT {dialect.NewId}, @ws, @seg, n.contact_id, @now FROM {Temp} n WHERE {notMember}", p, ct);
        await SqlRunner.ExecuteAsync(db,
            $"UPDATE segments SET is_dirty = @no, last_refreshed_at = @now, member_count = {members}, depends_on = {(int)compiled.DependsOn} WHERE id = @seg", p, ct);
        await SqlRunner.ExecuteAsync(db, dialect.DropTempTable(Temp), [], ct);
        await tx.CommitAsync(ct);
        return new SegmentRefreshResult(segmentId, entered, exited, members);
    }

    /// <summary>Refreshes segments marked dirty, and those that read relative windows and were last refreshed before <paramref name="timeDependentOlderThan"/>.</summary>
    public async Task<IReadOnlyList<SegmentRefreshResult>> RefreshDueAsync(TimeSpan timeDependentOlderThan, CancellationToken ct = default)
    {
        var results = new List<SegmentRefreshResult>();
        foreach (var id in await DueAsync(timeDependentOlderThan, ct))
        {
            results.Add(await RefreshAsync(id, ct));
        }

        return results;
    }

    /// <summary>Segments due for refresh: dirty, never refreshed, or time-dependent and older than the given age.</summary>
    public async Task<IReadOnlyList<Guid>> DueAsync(TimeSpan timeDependentOlderThan, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var staleBefore = time.GetUtcNow().UtcDateTime - timeDependentOlderThan;
        var segments = await db.Set<Segment>().AsNoTracking()
            .Select(s => new { s.Id, s.IsDirty, s.DependsOn, s.LastRefreshedAt }).ToListAsync(ct);
        return [.. segments
            .Where(s => s.IsDirty || s.LastRefreshedAt is null
                || ((s.DependsOn & SegmentDependency.Time) != 0 && s.LastRefreshedAt < staleBefore))
            .OrderBy(s => s.LastRefreshedAt ?? DateTime.MinValue)
            .Select(s => s.Id)];
    }

    /// <summary>
    /// The cheap trigger: data of these kinds changed (an order, an event, a consent record arrived), so
    /// segments reading them are marked dirty for the next refresh pass. One UPDATE, no evaluation.
    /// </summary>
    public async Task<int> MarkDirtyAsync(SegmentDependency changed, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await MarkDirtyAsync(db, changed, ct);
    }

    /// <summary>
    /// The same mark through a given workspace-bound context. Written to the database, so it also reaches the
    /// server's refresh worker from another process (the CLI import): importers call it after each committed chunk.
    /// </summary>
    public static Task<int> MarkDirtyAsync(VinculoDbContext db, SegmentDependency changed, CancellationToken ct = default)
    {
        if (changed == SegmentDependency.None)
        {
            return Task.FromResult(0);
        }

        var flag = (int)changed;
        return db.Set<Segment>()
            .Where(s => !s.IsDirty && ((int)s.DependsOn & flag) != 0)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.IsDirty, true), ct);
    }
}
