using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Consent;

public enum ConsentChannel
{
    Email = 0,
    Sms = 1,
    Phone = 2,
    Postal = 3,
    Push = 4,
    WhatsApp = 5,
}

public enum ConsentPurpose
{
    Marketing = 0,
    Surveys = 1,
    Profiling = 2,
    Transactional = 3,
}

/// <summary>Higher is more restrictive: on an exact tie in time the more restrictive record wins.</summary>
public enum ConsentStatus
{
    Granted = 1,
    Denied = 2,
    Withdrawn = 3,
}

/// <summary>
/// One entry of the consent ledger: append-only (never updated, except that erasure clears the
/// evidence). The current state of a contact × channel × purpose is its latest entry.
/// </summary>
public sealed class ConsentRecord : WorkspaceEntity
{
    public Guid ContactId { get; set; }
    public ConsentChannel Channel { get; set; }
    public ConsentPurpose Purpose { get; set; }
    public ConsentStatus Status { get; set; }
    /// <summary>Where it came from: "web-form", "pos", "import", "api", "one-click", "age-out", "objection".</summary>
    public required string Source { get; set; }
    /// <summary>Version of the privacy notice (aviso de privacidad) shown when it was given.</summary>
    public string? NoticeVersion { get; set; }
    /// <summary>Proof: form submission id, signed document reference, recording id, IP.</summary>
    public string? Evidence { get; set; }
    /// <summary>Who gave it: the contact itself, or the guardian for a minor. Null: not recorded (imports).</summary>
    public Guid? GivenByContactId { get; set; }
    /// <summary>Why it was withdrawn or denied, when known.</summary>
    public string? Reason { get; set; }
    /// <summary>When the person gave or withdrew it.</summary>
    public DateTime OccurredAt { get; set; }
    /// <summary>When Vinculo wrote it; breaks ties between entries with the same OccurredAt.</summary>
    public DateTime RecordedAt { get; set; }
    /// <summary>The user, API key or job that wrote it.</summary>
    public string? RecordedBy { get; set; }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId);
        b.HasOne<Contact>().WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Source).HasMaxLength(100);
        b.Property(r => r.NoticeVersion).HasMaxLength(50);
        b.Property(r => r.Evidence).HasMaxLength(1000);
        b.Property(r => r.Reason).HasMaxLength(300);
        b.Property(r => r.RecordedBy).HasMaxLength(200);
        // Serves the "latest entry per key" query (NOT EXISTS on a later entry) and a contact's history.
        b.HasIndex(r => new { r.WorkspaceId, r.ContactId, r.Channel, r.Purpose, r.OccurredAt });
        b.HasIndex(r => new { r.WorkspaceId, r.GivenByContactId });
    }
}
