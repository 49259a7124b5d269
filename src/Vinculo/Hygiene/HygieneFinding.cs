using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Hygiene;

public enum HygieneKind
{
    /// <summary>No interaction or order in the configured number of months.</summary>
    Stale = 0,
    /// <summary>An email or phone that hard-bounced or is invalid.</summary>
    BadChannel = 1,
    /// <summary>Two active contacts share an exact email address or phone number.</summary>
    DuplicateCandidate = 2,
    /// <summary>Data not confirmed for a year: goes into the yearly data-update campaign.</summary>
    Reconfirmation = 3,
}

/// <summary>
/// One item of a hygiene run's reviewable list. Holds ids and a short reason only, never the
/// personal data itself, so the list is no second copy of it.
/// </summary>
public sealed class HygieneFinding : WorkspaceEntity
{
    public Guid RunId { get; set; }
    public HygieneKind Kind { get; set; }
    public Guid ContactId { get; set; }
    /// <summary>For duplicates: the contact this one may duplicate.</summary>
    public Guid? OtherContactId { get; set; }
    /// <summary>For bad channels: the contact_emails / contact_phones row.</summary>
    public Guid? ChannelRowId { get; set; }
    /// <summary>Short machine-readable reason, e.g. "email:hard_bounced", "same_phone", "no_activity_since:2024-05-01".</summary>
    public required string Reason { get; set; }
    public DateTime FoundAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    /// <summary>What the reviewer decided: "merged", "kept", "archived", "fixed", …</summary>
    public string? Resolution { get; set; }
}

internal sealed class HygieneFindingConfiguration : IEntityTypeConfiguration<HygieneFinding>
{
    public void Configure(EntityTypeBuilder<HygieneFinding> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(f => f.WorkspaceId);
        b.HasOne<Contact>().WithMany().HasForeignKey(f => f.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.Property(f => f.Reason).HasMaxLength(100);
        b.Property(f => f.ReviewedBy).HasMaxLength(200);
        b.Property(f => f.Resolution).HasMaxLength(100);
        b.HasIndex(f => new { f.WorkspaceId, f.RunId, f.Kind });
        b.HasIndex(f => new { f.WorkspaceId, f.ContactId });
        b.HasIndex(f => new { f.WorkspaceId, f.OtherContactId });
    }
}
