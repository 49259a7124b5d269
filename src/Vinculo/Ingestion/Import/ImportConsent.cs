using System.Text;
using Microsoft.EntityFrameworkCore;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Workspaces;

namespace Vinculo.Ingestion.Import;

/// <summary>
/// Email marketing consent carried by an import (opt-in, double opt-in confirmation, unsubscribe), as
/// consent ledger entries dated when they happened. The ledger's rules hold: a minor's own opt-in is
/// not recorded (a guardian must give it) and is reported; withdrawals are always recorded. An entry
/// already in the ledger (same contact, status and time) is not written again, so re-runs add nothing.
/// </summary>
internal static class ImportConsent
{
    public const string Source = "import";

    public static async Task<List<ConsentRecord>> RecordsAsync(ChunkContext context, IReadOnlyList<(ContactDraft Draft, Contact Contact, bool Created)> consenting, ChunkCounts counts, CancellationToken ct)
    {
        var records = new List<ConsentRecord>();
        if (consenting.Count == 0)
        {
            return records;
        }

        var db = context.Db;
        var workspace = await db.Set<Workspace>().AsNoTracking().SingleAsync(w => w.Id == db.WorkspaceId, ct);
        var rules = AgeRules.For(workspace, context.Clock);
        var known = await KnownAsync(db, [.. consenting.Where(c => !c.Created).Select(c => c.Contact.Id).Distinct()], ct);
        foreach (var (draft, contact, _) in consenting)
        {
            var grantedAt = ImportValues.Instant(draft.ConfirmedAt) ?? ImportValues.Instant(draft.OptInAt);
            if (grantedAt is { } granted)
            {
                if (contact.BirthDate is { } birth && AgePolicy.AgeOn(birth, rules.Today) < rules.DigitalConsentAge)
                {
                    counts.Warnings++;
                    counts.Issues.Add(new Jobs.RowIssue(draft.Row, "email_opt_in_at", draft.ConfirmedAt ?? draft.OptInAt,
                        $"the contact is under {rules.DigitalConsentAge}: an opt-in must come from a guardian, not recorded", IsWarning: true));
                }
                else
                {
                    Add(records, known, contact.Id, ConsentStatus.Granted, granted, context.Now, Evidence(draft), reason: null);
                }
            }

            if (ImportValues.Instant(draft.UnsubscribedAt) is { } withdrawn)
            {
                Add(records, known, contact.Id, ConsentStatus.Withdrawn, withdrawn, context.Now, evidence: null, draft.UnsubscribeReason);
            }
        }

        return records;
    }

    private static void Add(List<ConsentRecord> records, HashSet<(Guid, ConsentStatus, DateTime)> known, Guid contactId, ConsentStatus status, DateTime occurredAt, DateTime now, string? evidence, string? reason)
    {
        if (!known.Add((contactId, status, occurredAt)))
        {
            return;
        }

        records.Add(new ConsentRecord
        {
            ContactId = contactId,
            Channel = ConsentChannel.Email,
            Purpose = ConsentPurpose.Marketing,
            Status = status,
            Source = Source,
            Evidence = evidence,
            Reason = reason,
            OccurredAt = occurredAt,
            RecordedAt = now,
            RecordedBy = Source,
        });
    }

    /// <summary>Email marketing entries already in the ledger for these contacts.</summary>
    private static async Task<HashSet<(Guid, ConsentStatus, DateTime)>> KnownAsync(Storage.VinculoDbContext db, List<Guid> contactIds, CancellationToken ct)
    {
        var known = new HashSet<(Guid, ConsentStatus, DateTime)>();
        if (contactIds.Count == 0)
        {
            return known;
        }

        var rows = await db.Set<ConsentRecord>().AsNoTracking()
            .Where(r => contactIds.Contains(r.ContactId) && r.Channel == ConsentChannel.Email && r.Purpose == ConsentPurpose.Marketing)
            .Select(r => new { r.ContactId, r.Status, r.OccurredAt })
            .ToListAsync(ct);
        foreach (var r in rows)
        {
            known.Add((r.ContactId, r.Status, DateTime.SpecifyKind(r.OccurredAt, DateTimeKind.Utc)));
        }

        return known;
    }

    /// <summary>"opt-in 2021-03-04T10:00:00Z from 1.2.3.4; confirmed 2021-03-04T10:00:01Z", from what the row has.</summary>
    private static string? Evidence(ContactDraft d)
    {
        var text = new StringBuilder();
        Step(text, "opt-in", d.OptInAt, d.OptInIp);
        Step(text, "confirmed", d.ConfirmedAt, d.ConfirmIp);
        return text.Length == 0 ? null : text.ToString();

        static void Step(StringBuilder text, string what, string? at, string? ip)
        {
            if (at is null)
            {
                return;
            }

            text.Append(text.Length > 0 ? "; " : "").Append(what).Append(' ').Append(at);
            if (ip is not null)
            {
                text.Append(" from ").Append(ip);
            }
        }
    }
}
