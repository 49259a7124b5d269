using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Consent;

/// <summary>How a grant was obtained: the same for one contact or many.</summary>
public sealed record ConsentProof(string Source, string? NoticeVersion = null, string? Evidence = null, Guid? GivenByContactId = null, DateTime? OccurredAt = null);

/// <summary>One entry to append.</summary>
public sealed record ConsentChange(
    Guid ContactId,
    ConsentChannel Channel,
    ConsentPurpose Purpose,
    ConsentStatus Status,
    string Source,
    string? NoticeVersion = null,
    string? Evidence = null,
    Guid? GivenByContactId = null,
    string? Reason = null,
    DateTime? OccurredAt = null);

/// <summary>The current state of one channel × purpose for a contact (the latest ledger entry).</summary>
public sealed record ConsentState(
    ConsentChannel Channel,
    ConsentPurpose Purpose,
    ConsentStatus Status,
    DateTime OccurredAt,
    string Source,
    Guid? GivenByContactId,
    string? NoticeVersion);

/// <summary>
/// The consent ledger: appends grants, denials and withdrawals and derives the current state.
/// Granting and withdrawing take the same arguments and the same single call.
/// </summary>
public sealed class ConsentLedger(IDbContextFactory<VinculoDbContext> factory, TimeProvider time, AuditLog audit, SegmentSignals? segmentSignals = null)
{
    /// <summary>
    /// The latest entry per contact × channel × purpose, as a composable query (set-based; one
    /// NOT EXISTS, served by the (workspace_id, contact_id, channel, purpose, occurred_at) index).
    /// The same shape in SQL, for the segments engine (enums are stored as integers:
    /// channel email=0 sms=1 phone=2 postal=3 push=4 whatsapp=5; purpose marketing=0 surveys=1
    /// profiling=2 transactional=3; status granted=1 denied=2 withdrawn=3):
    /// <code>
    /// SELECT r.contact_id FROM consent_records r
    /// WHERE r.workspace_id = @ws AND r.channel = 0 AND r.purpose = 0 AND r.status = 1
    ///   AND NOT EXISTS (SELECT 1 FROM consent_records n
    ///     WHERE n.workspace_id = r.workspace_id AND n.contact_id = r.contact_id
    ///       AND n.channel = r.channel AND n.purpose = r.purpose
    ///       AND (n.occurred_at &gt; r.occurred_at
    ///         OR (n.occurred_at = r.occurred_at AND (n.recorded_at &gt; r.recorded_at
    ///           OR (n.recorded_at = r.recorded_at AND n.status &gt; r.status)))))
    /// </code>
    /// Filter status after picking the latest entry, never before (a later withdrawal must hide a grant).
    /// </summary>
    public static IQueryable<ConsentRecord> Current(VinculoDbContext db)
    {
        var records = db.Set<ConsentRecord>();
        return records.Where(r => !records.Any(n =>
            n.ContactId == r.ContactId && n.Channel == r.Channel && n.Purpose == r.Purpose
            && (n.OccurredAt > r.OccurredAt
                || (n.OccurredAt == r.OccurredAt && (n.RecordedAt > r.RecordedAt
                    || (n.RecordedAt == r.RecordedAt && n.Status > r.Status))))));
    }

    /// <summary>Contacts whose current consent for the channel and purpose is granted.</summary>
    public static IQueryable<ConsentRecord> CurrentlyGranted(VinculoDbContext db, ConsentChannel channel, ConsentPurpose purpose) =>
        Current(db).Where(r => r.Channel == channel && r.Purpose == purpose && r.Status == ConsentStatus.Granted);

    public Task GrantAsync(Guid contactId, ConsentChannel channel, ConsentPurpose purpose, ConsentProof proof, CancellationToken ct = default) =>
        RecordAsync([new ConsentChange(contactId, channel, purpose, ConsentStatus.Granted, proof.Source, proof.NoticeVersion, proof.Evidence, proof.GivenByContactId, null, proof.OccurredAt)], ct);

    public Task WithdrawAsync(Guid contactId, ConsentChannel channel, ConsentPurpose purpose, string source, string? reason = null, Guid? givenByContactId = null, CancellationToken ct = default) =>
        RecordAsync([new ConsentChange(contactId, channel, purpose, ConsentStatus.Withdrawn, source, null, null, givenByContactId, reason)], ct);

    public Task DenyAsync(Guid contactId, ConsentChannel channel, ConsentPurpose purpose, ConsentProof proof, CancellationToken ct = default) =>
        RecordAsync([new ConsentChange(contactId, channel, purpose, ConsentStatus.Denied, proof.Source, proof.NoticeVersion, proof.Evidence, proof.GivenByContactId, null, proof.OccurredAt)], ct);

    /// <summary>
    /// Appends entries for any number of contacts in one transaction, after checking them as a set:
    /// the contacts exist and are not erased; a grant for someone below the workspace's digital
    /// consent age is given by one of their active guardians; below the child-privacy age it also
    /// carries evidence. Withdrawals are never refused for who made them.
    /// </summary>
    public async Task<int> RecordAsync(IReadOnlyList<ConsentChange> changes, CancellationToken ct = default)
    {
        if (changes.Count == 0)
        {
            return 0;
        }

        var errors = new ValidationErrors();
        for (var i = 0; i < changes.Count; i++)
        {
            var c = changes[i];
            if (string.IsNullOrWhiteSpace(c.Source))
            {
                errors.Add("source", "is required", i);
            }

            if (!Enum.IsDefined(c.Channel))
            {
                errors.Add("channel", $"'{c.Channel}' is not a channel", i);
            }

            if (!Enum.IsDefined(c.Purpose))
            {
                errors.Add("purpose", $"'{c.Purpose}' is not a purpose", i);
            }

            if (!Enum.IsDefined(c.Status))
            {
                errors.Add("status", $"'{c.Status}' is not a status", i);
            }
        }

        errors.ThrowIfAny();

        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Set<Workspace>().SingleAsync(w => w.Id == db.WorkspaceId, ct);
        var rules = AgeRules.For(workspace, time);
        var ids = changes.Select(c => c.ContactId).Distinct().ToList();
        var contacts = new Dictionary<Guid, (DateOnly? BirthDate, ContactStatus Status)>();
        var guardians = new HashSet<(Guid Minor, Guid Guardian)>();
        var current = new Dictionary<(Guid, ConsentChannel, ConsentPurpose), (ConsentStatus Status, DateTime OccurredAt)>();
        foreach (var chunk in ids.Chunk(1000))
        {
            foreach (var r in await Current(db).AsNoTracking().Where(r => chunk.Contains(r.ContactId))
                .Select(r => new { r.ContactId, r.Channel, r.Purpose, r.Status, r.OccurredAt }).ToListAsync(ct))
            {
                current[(r.ContactId, r.Channel, r.Purpose)] = (r.Status, r.OccurredAt);
            }

            foreach (var c in await db.Set<Contact>().AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new { c.Id, c.BirthDate, c.Status }).ToListAsync(ct))
            {
                contacts[c.Id] = (c.BirthDate, c.Status);
            }

            foreach (var l in await db.Set<GuardianLink>().AsNoTracking().Where(l => chunk.Contains(l.MinorId) && l.EndedAt == null)
                .Select(l => new { l.MinorId, l.GuardianId }).ToListAsync(ct))
            {
                guardians.Add((l.MinorId, l.GuardianId));
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<ConsentRecord>(changes.Count);
        for (var i = 0; i < changes.Count; i++)
        {
            var c = changes[i];
            if (!contacts.TryGetValue(c.ContactId, out var contact))
            {
                if (changes.Count == 1)
                {
                    throw new NotFoundException("Contact", c.ContactId);
                }

                errors.Add("contactId", $"contact {c.ContactId} was not found", i);
                continue;
            }

            if (contact.Status == ContactStatus.Erased)
            {
                errors.Add("contactId", "the contact was erased", i);
                continue;
            }

            if (c.Status == ConsentStatus.Granted && contact.BirthDate is { } birth)
            {
                var age = AgePolicy.AgeOn(birth, rules.Today);
                var byGuardian = c.GivenByContactId is { } g && guardians.Contains((c.ContactId, g));
                if (age < rules.DigitalConsentAge && !byGuardian)
                {
                    errors.Add("givenByContactId", $"the contact is {age}: consent must be given by one of their active guardians", i);
                }
                else if (age < rules.ChildPrivacyAge && string.IsNullOrWhiteSpace(c.Evidence))
                {
                    errors.Add("evidence", $"the contact is under {rules.ChildPrivacyAge}: the guardian's consent needs evidence", i);
                }
            }

            rows.Add(new ConsentRecord
            {
                ContactId = c.ContactId,
                Channel = c.Channel,
                Purpose = c.Purpose,
                Status = c.Status,
                Source = c.Source.Trim(),
                NoticeVersion = c.NoticeVersion,
                Evidence = c.Evidence,
                GivenByContactId = c.GivenByContactId,
                Reason = c.Reason,
                OccurredAt = (c.OccurredAt ?? now).ToUniversalTime(),
                RecordedAt = now,
                RecordedBy = audit.ActorName,
            });
        }

        errors.ThrowIfAny();
        // Segments read the current state only: an entry repeating it, or older than it, changes no segment.
        var changesState = rows.Any(r => !current.TryGetValue((r.ContactId, r.Channel, r.Purpose), out var latest)
            || (latest.Status != r.Status && r.OccurredAt >= latest.OccurredAt));
        // Ledger rows and their audit entries commit together (re-chained and tried again when another
        // writer took the audit chain's next sequence first).
        await using var write = await factory.CreateDbContextAsync(ct);
        write.AddRange(rows);
        await write.SaveChangesAuditedAsync(audit.ActorName, now, [.. rows.Select(AuditFor)], ct);
        segmentSignals?.Changed(write, changesState ? SegmentDependency.Consent : SegmentDependency.None);
        return rows.Count;
    }

    internal static AuditEvent AuditFor(ConsentRecord r) => new(
        "consent." + r.Status.ToString().ToLowerInvariant(),
        r.ContactId,
        nameof(ConsentRecord),
        r.Id,
        new { channel = r.Channel.ToString(), purpose = r.Purpose.ToString(), source = r.Source, givenBy = r.GivenByContactId });

    public async Task<IReadOnlyList<ConsentState>> CurrentAsync(Guid contactId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureContactAsync(db, contactId, ct);
        var latest = await Current(db).AsNoTracking().Where(r => r.ContactId == contactId).ToListAsync(ct);
        return [.. latest
            .GroupBy(r => (r.Channel, r.Purpose))
            .Select(g => g.First())
            .OrderBy(r => r.Channel).ThenBy(r => r.Purpose)
            .Select(r => new ConsentState(r.Channel, r.Purpose, r.Status, r.OccurredAt, r.Source, r.GivenByContactId, r.NoticeVersion))];
    }

    /// <summary>The whole ledger of a contact, newest first.</summary>
    public async Task<IReadOnlyList<ConsentRecord>> HistoryAsync(Guid contactId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await EnsureContactAsync(db, contactId, ct);
        var rows = await db.Set<ConsentRecord>().AsNoTracking().Where(r => r.ContactId == contactId).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.RecordedAt).ThenByDescending(r => r.Status)];
    }

    /// <summary>Whether the contact's current consent for the channel and purpose is granted.</summary>
    public async Task<bool> IsGrantedAsync(Guid contactId, ConsentChannel channel, ConsentPurpose purpose, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CurrentlyGranted(db, channel, purpose).AnyAsync(r => r.ContactId == contactId, ct);
    }

    private static async Task EnsureContactAsync(VinculoDbContext db, Guid contactId, CancellationToken ct)
    {
        if (!await db.Set<Contact>().AnyAsync(c => c.Id == contactId, ct))
        {
            throw new NotFoundException("Contact", contactId);
        }
    }
}
