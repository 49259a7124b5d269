using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Ingestion.Identity;

public enum CandidateStatus
{
    Open = 0,
    Merged = 1,
    Dismissed = 2,
}

/// <summary>Two contacts that may be one person, with the matcher's score and per-field evidence, awaiting review or merged.</summary>
public sealed class DuplicateCandidate : WorkspaceEntity
{
    /// <summary>The pair in a fixed order (the smaller id first), so a pair is stored once.</summary>
    public Guid ContactAId { get; set; }
    public Guid ContactBId { get; set; }
    /// <summary>Fellegi–Sunter match weight in bits.</summary>
    public double Score { get; set; }
    public double Probability { get; set; }
    /// <summary>email, phone, external_id or social when an exact identity key joined the pair.</summary>
    public string? ExactKey { get; set; }
    /// <summary>JSON: per field the agreement level, similarity and weight.</summary>
    public string Evidence { get; set; } = "{}";
    public CandidateStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid? MergeId { get; set; }

    public static (Guid A, Guid B) Ordered(Guid x, Guid y) => x.CompareTo(y) <= 0 ? (x, y) : (y, x);
}

internal sealed class DuplicateCandidateConfiguration : IEntityTypeConfiguration<DuplicateCandidate>
{
    public void Configure(EntityTypeBuilder<DuplicateCandidate> b)
    {
        // No foreign key to contacts on purpose: a merge re-points every row referencing a contact,
        // and the audit of the pair must not move with it.
        b.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId);
        b.Property(c => c.ExactKey).HasMaxLength(20);
        b.Property(c => c.Evidence).IsJson();
        b.HasIndex(c => new { c.WorkspaceId, c.ContactAId, c.ContactBId }).IsUnique();
        b.HasIndex(c => new { c.WorkspaceId, c.Status, c.Probability });
        b.HasIndex(c => new { c.WorkspaceId, c.ContactBId });
    }
}

/// <summary>The audit of one merge: enough to undo it exactly.</summary>
public sealed class ContactMerge : WorkspaceEntity
{
    public Guid SurvivorId { get; set; }
    public Guid LoserId { get; set; }
    public Guid? CandidateId { get; set; }
    public bool Automatic { get; set; }
    /// <summary>Who asked for it (user or API key name); null for the automatic job.</summary>
    public string? Actor { get; set; }
    public DateTime MergedAt { get; set; }
    public DateTime? UnmergedAt { get; set; }
    /// <summary>JSON <see cref="MergeSnapshot"/>: the loser as it was, its channel rows, and the survivor fields the merge changed.</summary>
    public string Snapshot { get; set; } = "{}";
    /// <summary>JSON: table.column → ids of the rows re-pointed from the loser to the survivor.</summary>
    public string MovedRows { get; set; } = "{}";
}

internal sealed class ContactMergeConfiguration : IEntityTypeConfiguration<ContactMerge>
{
    public void Configure(EntityTypeBuilder<ContactMerge> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId);
        b.Property(m => m.Actor).HasMaxLength(200);
        b.Property(m => m.Snapshot).IsJson();
        b.Property(m => m.MovedRows).IsJson();
        b.HasIndex(m => new { m.WorkspaceId, m.SurvivorId });
        b.HasIndex(m => new { m.WorkspaceId, m.LoserId });
    }
}

/// <summary>A blocking or exact key of a contact; contacts sharing a key are compared. Rebuilt by each detection run.</summary>
public sealed class ContactMatchKey : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    public Guid ContactId { get; set; }
    public required string Key { get; set; }
}

internal sealed class ContactMatchKeyConfiguration : IEntityTypeConfiguration<ContactMatchKey>
{
    public void Configure(EntityTypeBuilder<ContactMatchKey> b)
    {
        b.HasKey(k => new { k.WorkspaceId, k.Key, k.ContactId });
        b.Property(k => k.Key).HasMaxLength(400);
        b.HasIndex(k => new { k.WorkspaceId, k.ContactId });
    }
}
