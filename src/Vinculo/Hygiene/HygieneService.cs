using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Privacy;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Timeline;

namespace Vinculo.Hygiene;

/// <summary>Thresholds of the hygiene jobs (configuration section "Hygiene").</summary>
public sealed class HygieneOptions
{
    public int StaleAfterMonths { get; set; } = 18;
    public int ReconfirmAfterMonths { get; set; } = 12;
}

public sealed record HygieneRunResult(Guid RunId, DateTime RanAt, IReadOnlyDictionary<HygieneKind, int> Counts);

/// <summary>
/// Scheduled data-quality work. Each run finds stale records, hard-bounced or invalid channels,
/// exact duplicate candidates (same email or phone; full identity resolution is elsewhere) and the
/// yearly re-confirmation list, writes them as one reviewable list (hygiene_findings, bulk) and puts
/// a <c>hygiene.completed</c> event with the counts on the timeline.
/// </summary>
public sealed class HygieneService(IDbContextFactory<VinculoDbContext> factory, TimeProvider time, IOptions<HygieneOptions> options, AuditActor actor)
{
    public const string CompletedEventType = "hygiene.completed";

    /// <summary>An interaction of this type marks that the person confirmed their data (data-update campaign).</summary>
    public const string DataConfirmedEventType = "contact.data_confirmed";

    public async Task<HygieneRunResult> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var runId = Guid.CreateVersion7();
        var o = options.Value;
        var findings = new List<HygieneFinding>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var active = db.Set<Contact>().Where(c => c.Status == ContactStatus.Active);

            var staleSince = now.AddMonths(-o.StaleAfterMonths);
            var stale = await active
                .Where(c => c.CreatedAt < staleSince)
                .Where(c => !db.Set<Interaction>().Any(i => i.ContactId == c.Id && i.OccurredAt >= staleSince))
                .Where(c => !db.Set<Order>().Any(x => x.ContactId == c.Id && x.OrderedAt >= staleSince))
                .Select(c => c.Id)
                .ToListAsync(ct);
            var staleReason = $"no_activity_since:{staleSince:yyyy-MM-dd}";
            findings.AddRange(stale.Select(id => Finding(HygieneKind.Stale, id, staleReason)));

            var bad = new[] { ChannelAddressStatus.HardBounced, ChannelAddressStatus.Invalid };
            var badEmails = await db.Set<ContactEmail>().Where(e => bad.Contains(e.Status) && active.Any(c => c.Id == e.ContactId))
                .Select(e => new { e.Id, e.ContactId, e.Status }).ToListAsync(ct);
            var badPhones = await db.Set<ContactPhone>().Where(p => bad.Contains(p.Status) && active.Any(c => c.Id == p.ContactId))
                .Select(p => new { p.Id, p.ContactId, p.Status }).ToListAsync(ct);
            findings.AddRange(badEmails.Select(e => Finding(HygieneKind.BadChannel, e.ContactId, "email:" + StatusName(e.Status), channelRowId: e.Id)));
            findings.AddRange(badPhones.Select(p => Finding(HygieneKind.BadChannel, p.ContactId, "phone:" + StatusName(p.Status), channelRowId: p.Id)));

            // Exact-key duplicates: the grouping runs in the database; only the rows of shared keys come back.
            var activeEmails = db.Set<ContactEmail>().Where(e => active.Any(c => c.Id == e.ContactId));
            var sharedEmails = activeEmails.GroupBy(e => e.Address).Where(g => g.Select(e => e.ContactId).Distinct().Count() > 1).Select(g => g.Key);
            var emailRows = await activeEmails.Where(e => sharedEmails.Contains(e.Address))
                .Select(e => new { Key = e.Address, e.ContactId }).ToListAsync(ct);
            var activePhones = db.Set<ContactPhone>().Where(p => active.Any(c => c.Id == p.ContactId));
            var sharedPhones = activePhones.GroupBy(p => p.Number).Where(g => g.Select(p => p.ContactId).Distinct().Count() > 1).Select(g => g.Key);
            var phoneRows = await activePhones.Where(p => sharedPhones.Contains(p.Number))
                .Select(p => new { Key = p.Number, p.ContactId }).ToListAsync(ct);
            var pairs = new HashSet<(Guid, Guid)>();
            foreach (var (rows, reason) in new[] { (emailRows.Select(r => (r.Key, r.ContactId)), "same_email"), (phoneRows.Select(r => (r.Key, r.ContactId)), "same_phone") })
            {
                foreach (var group in rows.GroupBy(r => r.Key))
                {
                    // The lowest id (roughly the oldest, ids are time-ordered) is the one the others may duplicate.
                    var ids = group.Select(r => r.ContactId).Distinct().OrderBy(id => id).ToList();
                    foreach (var other in ids.Skip(1))
                    {
                        if (pairs.Add((other, ids[0])))
                        {
                            findings.Add(Finding(HygieneKind.DuplicateCandidate, other, reason, otherContactId: ids[0]));
                        }
                    }
                }
            }

            var confirmSince = now.AddMonths(-o.ReconfirmAfterMonths);
            var reconfirm = await active
                .Where(c => c.UpdatedAt < confirmSince)
                .Where(c => !db.Set<Interaction>().Any(i => i.ContactId == c.Id && i.Type == DataConfirmedEventType && i.OccurredAt >= confirmSince))
                .Select(c => c.Id)
                .ToListAsync(ct);
            var reconfirmReason = $"not_confirmed_since:{confirmSince:yyyy-MM-dd}";
            findings.AddRange(reconfirm.Select(id => Finding(HygieneKind.Reconfirmation, id, reconfirmReason)));
        }

        var counts = Enum.GetValues<HygieneKind>().ToDictionary(k => k, k => findings.Count(f => f.Kind == k));
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await using var bulk = await BulkSession.BeginAsync(db, ct);
            await bulk.InsertAsync(findings, ct: ct);
            await bulk.InsertAsync(
            [
                new Interaction
                {
                    Type = CompletedEventType,
                    Source = "hygiene",
                    OccurredAt = now,
                    RecordedAt = now,
                    IdempotencyKey = $"{CompletedEventType}:{runId:N}",
                    Properties = JsonSerializer.Serialize(new
                    {
                        runId,
                        stale = counts[HygieneKind.Stale],
                        badChannels = counts[HygieneKind.BadChannel],
                        duplicateCandidates = counts[HygieneKind.DuplicateCandidate],
                        reconfirmation = counts[HygieneKind.Reconfirmation],
                    }),
                },
            ], ct: ct);
            await bulk.CommitAsync(ct);
        }

        return new HygieneRunResult(runId, now, counts);

        HygieneFinding Finding(HygieneKind kind, Guid contactId, string reason, Guid? otherContactId = null, Guid? channelRowId = null) => new()
        {
            RunId = runId,
            Kind = kind,
            ContactId = contactId,
            OtherContactId = otherContactId,
            ChannelRowId = channelRowId,
            Reason = reason,
            FoundAt = now,
        };
    }

    private static string StatusName(ChannelAddressStatus status) => status == ChannelAddressStatus.HardBounced ? "hard_bounced" : "invalid";

    /// <summary>The id of the latest run, or null before the first.</summary>
    public async Task<Guid?> LatestRunIdAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<HygieneFinding>().OrderByDescending(f => f.FoundAt).Select(f => (Guid?)f.RunId).FirstOrDefaultAsync(ct);
    }

    /// <summary>A page of a run's list (the latest run when none is given), optionally of one kind.</summary>
    public async Task<PagedResult<HygieneFinding>> ListAsync(Guid? runId, HygieneKind? kind, bool unreviewedOnly, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        runId ??= await LatestRunIdAsync(ct);
        if (runId is null)
        {
            return new PagedResult<HygieneFinding>([], p, size, 0);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Set<HygieneFinding>().AsNoTracking().Where(f => f.RunId == runId
            && (kind == null || f.Kind == kind) && (!unreviewedOnly || f.ReviewedAt == null));
        var total = await query.LongCountAsync(ct);
        var items = await query.OrderBy(f => f.Kind).ThenBy(f => f.ContactId).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<HygieneFinding>(items, p, size, total);
    }

    public async Task ReviewAsync(Guid findingId, string resolution, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(resolution))
        {
            throw new ValidationFailedException("resolution", "is required");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var f = await db.Set<HygieneFinding>().SingleOrDefaultAsync(x => x.Id == findingId, ct) ?? throw new NotFoundException("Hygiene finding", findingId);
        f.ReviewedAt = time.GetUtcNow().UtcDateTime;
        f.ReviewedBy = actor.Name;
        f.Resolution = resolution.Trim();
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Erasure removes the person from hygiene lists (ids only, but the lists are derived data).</summary>
internal sealed class HygieneEraser : IPersonalDataEraser
{
    public Task EraseAsync(VinculoDbContext db, Guid contactId, CancellationToken ct) =>
        db.Set<HygieneFinding>().Where(f => f.ContactId == contactId || f.OtherContactId == contactId).ExecuteDeleteAsync(ct);
}
