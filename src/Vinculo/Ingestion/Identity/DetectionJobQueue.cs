using Microsoft.EntityFrameworkCore;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Identity;

/// <summary>
/// Hands queued detection jobs to workers, across workspaces. On PostgreSQL the claim is
/// FOR UPDATE SKIP LOCKED so several hosts never take the same job; SQLite has one writer anyway.
/// A job still running whose heartbeat is older than <see cref="StaleAfter"/> was left by a crash and
/// is taken over. A workspace never has two live runs: they would rebuild the same match keys.
/// </summary>
public sealed class DetectionJobQueue(VinculoDatabase database, TimeProvider clock)
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
                UPDATE detection_jobs SET status = {0}, claimed_by = {1}, heartbeat_at = {2}, attempts = attempts + 1
                WHERE id = (
                    SELECT j.id FROM detection_jobs j
                    WHERE (j.status = {3} OR (j.status = {0} AND (j.heartbeat_at IS NULL OR j.heartbeat_at < {4})))
                      AND NOT EXISTS (SELECT 1 FROM detection_jobs r WHERE r.workspace_id = j.workspace_id AND r.id <> j.id
                                      AND r.status = {0} AND r.heartbeat_at >= {4})
                    ORDER BY j.created_at
                    FOR UPDATE SKIP LOCKED
                    LIMIT 1)
                RETURNING id AS "JobId", workspace_id AS "WorkspaceId"
                """,
                (int)DetectionJobStatus.Running, workerId, now, (int)DetectionJobStatus.Queued, staleBefore).ToListAsync(ct);
            return claimed.Count == 0 ? null : (claimed[0].JobId, claimed[0].WorkspaceId);
        }

        // SQLite: the conditional UPDATE is the claim; only one writer runs at a time.
        var jobs = db.Set<DetectionJob>();
        var candidate = await jobs
            .Where(j => j.Status == DetectionJobStatus.Queued || (j.Status == DetectionJobStatus.Running && (j.HeartbeatAt == null || j.HeartbeatAt < staleBefore)))
            .Where(j => !jobs.Any(r => r.WorkspaceId == j.WorkspaceId && r.Id != j.Id && r.Status == DetectionJobStatus.Running && r.HeartbeatAt >= staleBefore))
            .OrderBy(j => j.CreatedAt).Select(j => new { j.Id, j.WorkspaceId, j.Status, j.HeartbeatAt }).FirstOrDefaultAsync(ct);
        if (candidate is null)
        {
            return null;
        }

        var updated = await jobs
            .Where(j => j.Id == candidate.Id && j.Status == candidate.Status && j.HeartbeatAt == candidate.HeartbeatAt)
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Status, DetectionJobStatus.Running).SetProperty(j => j.ClaimedBy, workerId)
                    .SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.Attempts, j => j.Attempts + 1),
                ct);
        return updated == 1 ? (candidate.Id, candidate.WorkspaceId) : null;
    }

    private sealed record ClaimedJob(Guid JobId, Guid WorkspaceId);
}
