using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Audit;

/// <summary>
/// Who read or changed personal data. Rows form a SHA-256 hash chain per workspace (each row's hash
/// covers the previous row's hash), so changing, removing or reordering a row is detectable.
/// Details are hashed separately: erasure may clear them while the chain still verifies.
/// </summary>
public sealed class AuditEntry : WorkspaceEntity
{
    /// <summary>1, 2, 3 … per workspace, without gaps: a missing row breaks the sequence.</summary>
    public long Sequence { get; set; }
    /// <summary>UTC, truncated to microseconds so both providers store exactly what was hashed.</summary>
    public DateTime OccurredAt { get; set; }
    /// <summary>User name, API key name, or "system:job".</summary>
    public required string Actor { get; set; }
    /// <summary>Dotted action, e.g. "contact.read", "consent.withdrawn", "privacy.erased".</summary>
    public required string Action { get; set; }
    public string? EntityType { get; set; }
    public Guid? EntityId { get; set; }
    public Guid? ContactId { get; set; }
    /// <summary>JSON text (not jsonb: the exact text is hashed). Cleared when the contact is erased.</summary>
    public string? Details { get; set; }
    public required string DetailsHash { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId);
        b.Property(e => e.Actor).HasMaxLength(200);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.DetailsHash).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        // Unique sequence: two writers that read the same chain head cannot both append.
        b.HasIndex(e => new { e.WorkspaceId, e.Sequence }).IsUnique();
        b.HasIndex(e => new { e.WorkspaceId, e.ContactId, e.OccurredAt });
        // The audit page: newest first in a workspace, optionally of one actor.
        b.HasIndex(e => new { e.WorkspaceId, e.OccurredAt, e.Sequence });
        b.HasIndex(e => new { e.WorkspaceId, e.Actor, e.OccurredAt });
    }
}
