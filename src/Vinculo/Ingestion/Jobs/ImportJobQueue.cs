using Microsoft.EntityFrameworkCore;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Jobs;

/// <summary>
/// Hands queued import jobs to workers, across workspaces. On PostgreSQL the claim is
/// FOR UPDATE SKIP LOCKED so several hosts never take the same job; SQLite has one writer anyway.
/// A job still "running" whose heartbeat is older than <see cref="StaleAfter"/> was left by a crash and is taken over.
/// </summary>
public sealed class ImportJobQueue(VinculoDatabase database, TimeProvider clock)
{
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Claims the oldest runnable job for <paramref name="workerId"/>: its id and workspace, or null.</summary>
    public async Task<(Guid JobId, Guid WorkspaceId)?> ClaimNextAsync(string workerId, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - StaleAfter;
        if (database.Provider == StorageProvider.Postgres)
        {
            var claimed = await db.Database.SqlQueryRaw<ClaimedJob>(
                """
                UPDATE import_jobs SET status = {0}, claimed_by = {1}, heartbeat_at = {2}
                WHERE id = (
                    SELECT id FROM import_jobs
                    WHERE status = {3} OR (status = {0} AND (heartbeat_at IS NULL OR heartbeat_at < {4}))
                    ORDER BY created_at
                    FOR UPDATE SKIP LOCKED
                    LIMIT 1)
                RETURNING id AS "JobId", workspace_id AS "WorkspaceId"
                """,
                (int)ImportJobStatus.Running, workerId, now, (int)ImportJobStatus.Queued, staleBefore).ToListAsync(ct);
            return claimed.Count == 0 ? null : (claimed[0].JobId, claimed[0].WorkspaceId);
        }

        // SQLite: the conditional UPDATE is the claim; only one writer runs at a time.
        var candidate = await db.Set<ImportJob>()
            .Where(j => j.Status == ImportJobStatus.Queued || (j.Status == ImportJobStatus.Running && (j.HeartbeatAt == null || j.HeartbeatAt < staleBefore)))
            .OrderBy(j => j.CreatedAt).Select(j => new { j.Id, j.WorkspaceId, j.Status, j.HeartbeatAt }).FirstOrDefaultAsync(ct);
        if (candidate is null)
        {
            return null;
        }

        var updated = await db.Set<ImportJob>()
            .Where(j => j.Id == candidate.Id && j.Status == candidate.Status && j.HeartbeatAt == candidate.HeartbeatAt)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Running).SetProperty(j => j.ClaimedBy, workerId).SetProperty(j => j.HeartbeatAt, now), ct);
        return updated == 1 ? (candidate.Id, candidate.WorkspaceId) : null;
    }

    /// <summary>Claims one queued job for a caller that runs it itself (the CLI); false when someone else has it.</summary>
    public async Task<bool> ClaimAsync(Guid jobId, string workerId, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Set<ImportJob>().Where(j => j.Id == jobId && j.Status == ImportJobStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Running).SetProperty(j => j.ClaimedBy, workerId).SetProperty(j => j.HeartbeatAt, now), ct);
        return updated == 1;
    }

    private sealed record ClaimedJob(Guid JobId, Guid WorkspaceId);
}
