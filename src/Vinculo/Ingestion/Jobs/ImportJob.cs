using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Ingestion.Mapping;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Ingestion.Jobs;

public enum ImportJobStatus
{
    /// <summary>File stored, waiting for a mapping and a start.</summary>
    Uploaded = 0,
    Queued = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
    Cancelled = 5,
}

/// <summary>
/// One import of one file: durable, so a crash resumes from <see cref="Checkpoint"/>. Counts and the
/// checkpoint are committed in the same transaction as each chunk's rows, so they never disagree.
/// </summary>
public sealed class ImportJob : WorkspaceEntity
{
    public required string FileName { get; set; }
    /// <summary>Where the uploaded file is kept, under the imports folder (./data/imports/&lt;id&gt;/).</summary>
    public required string StoredPath { get; set; }
    public long FileBytes { get; set; }
    public ImportTarget Target { get; set; }
    /// <summary>The <see cref="ColumnMapping"/> in force, as JSON.</summary>
    public string Mapping { get; set; } = "{}";
    public string? MappingName { get; set; }
    public ImportJobStatus Status { get; set; }
    /// <summary>Validate and count only; nothing but this job row is written.</summary>
    public bool DryRun { get; set; }
    /// <summary>File row number (header = 1) of the last row committed; resume reads after it.</summary>
    public long Checkpoint { get; set; }
    /// <summary>Length of the rejects file at the checkpoint: a resumed run cuts it back to this.</summary>
    public long RejectsBytes { get; set; }
    public long RowsDone { get; set; }
    public double Progress { get; set; }
    public double RowsPerSecond { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Merged { get; set; }
    public long Rejected { get; set; }
    public long Warnings { get; set; }
    /// <summary>File columns no field took, as a JSON array.</summary>
    public string IgnoredColumns { get; set; } = "[]";
    public string? Error { get; set; }
    /// <summary>The worker holding the job; with <see cref="HeartbeatAt"/> it lets a stale claim be taken over.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? HeartbeatAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(j => j.WorkspaceId);
        b.Property(j => j.FileName).HasMaxLength(300);
        b.Property(j => j.StoredPath).HasMaxLength(1000);
        b.Property(j => j.Mapping).IsJson();
        b.Property(j => j.MappingName).HasMaxLength(200);
        b.Property(j => j.IgnoredColumns).IsJson();
        b.Property(j => j.Error).HasMaxLength(2000);
        b.Property(j => j.ClaimedBy).HasMaxLength(200);
        b.HasIndex(j => new { j.Status, j.CreatedAt });
        b.HasIndex(j => new { j.WorkspaceId, j.CreatedAt });
    }
}
