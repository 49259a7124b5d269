using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Ingestion.Identity;

public enum DetectionJobStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>
/// One duplicate-detection run of a workspace, durable like an import: a worker claims it, keeps a
/// heartbeat while it runs, and a run left by a crash (stale heartbeat) is taken over and started again.
/// Detection is idempotent (keys are rebuilt, candidates upserted), so a restart only repeats work.
/// </summary>
public sealed class DetectionJob : WorkspaceEntity
{
    public DetectionJobStatus Status { get; set; }
    /// <summary>Merge every candidate at or above the auto-merge threshold once detection is done.</summary>
    public bool AutoMerge { get; set; }
    /// <summary>keys, compare, fit, save, merge, done: what the run is doing now.</summary>
    public string Phase { get; set; } = "queued";
    /// <summary>0..1 over the whole run.</summary>
    public double Progress { get; set; }
    public int ContactsKeyed { get; set; }
    public long CandidatePairs { get; set; }
    public int NewCandidates { get; set; }
    public int UpdatedCandidates { get; set; }
    public bool ModelFitted { get; set; }
    /// <summary>Merges this job made, over every attempt (a takeover keeps the merges of the crashed attempt).</summary>
    public int AutoMerged { get; set; }
    /// <summary>How many times a worker started it (more than one after a takeover).</summary>
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public string? RequestedBy { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? HeartbeatAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

internal sealed class DetectionJobConfiguration : IEntityTypeConfiguration<DetectionJob>
{
    public void Configure(EntityTypeBuilder<DetectionJob> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(j => j.WorkspaceId);
        b.Property(j => j.Phase).HasMaxLength(20);
        b.Property(j => j.Error).HasMaxLength(2000);
        b.Property(j => j.RequestedBy).HasMaxLength(200);
        b.Property(j => j.ClaimedBy).HasMaxLength(200);
        b.HasIndex(j => new { j.Status, j.CreatedAt });
        b.HasIndex(j => new { j.WorkspaceId, j.CreatedAt });
    }
}

/// <summary>A detection job's state and figures, for the API and the review page.</summary>
public sealed record DetectionJobView(
    Guid JobId, DetectionJobStatus Status, bool AutoMerge, string Phase, double Progress, int ContactsKeyed, long CandidatePairs,
    int NewCandidates, int UpdatedCandidates, bool ModelFitted, int AutoMerged, int Attempts, string? Error, string? RequestedBy,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    public bool Finished => Status is DetectionJobStatus.Succeeded or DetectionJobStatus.Failed;

    public static DetectionJobView From(DetectionJob j) => new(
        j.Id, j.Status, j.AutoMerge, j.Phase, j.Progress, j.ContactsKeyed, j.CandidatePairs, j.NewCandidates, j.UpdatedCandidates,
        j.ModelFitted, j.AutoMerged, j.Attempts, j.Error, j.RequestedBy, j.CreatedAt, j.StartedAt, j.FinishedAt);
}
