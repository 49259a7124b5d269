using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.Consent;

public sealed record AgeOutResult(DateOnly Today, IReadOnlyList<Guid> CameOfAge, int LinksEnded, int ConsentsWithdrawn);

/// <summary>
/// The daily age-out: a minor who reached the workspace's age of majority today (or on a day the job
/// missed) becomes an adult contact of its own. Guardian links are ended (kept as history),
/// consents a guardian gave for the child are withdrawn, and a <c>contact.came_of_age</c> event is put
/// on the timeline for a welcome/consent journey. A 29 February birthday comes of age on 1 March in
/// common years (see <see cref="AgePolicy.ComingOfAge"/>). Safe to run again: it does nothing twice.
/// </summary>
public sealed class AgeOutService(IDbContextFactory<VinculoDbContext> factory, TimeProvider time, AuditLog audit, SegmentSignals? segmentSignals = null)
{
    public const string EventType = "contact.came_of_age";
    public const string EndReason = "came_of_age";

    /// <summary>How far back a missed run is caught up for contacts that had no guardian link.</summary>
    private const int CatchUpDays = 31;

    public async Task<AgeOutResult> RunAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Set<Workspace>().SingleAsync(w => w.Id == db.WorkspaceId, ct);
        var rules = AgeRules.For(workspace, time);
        var cutoff = rules.LatestAdultBirthDate;
        var catchUpFrom = rules.Today.AddDays(-CatchUpDays).AddYears(-rules.AgeOfMajority);
        var now = time.GetUtcNow().UtcDateTime;

        var activeLinks = db.Set<GuardianLink>().Where(l => l.EndedAt == null);
        var announced = db.Set<Interaction>().Where(i => i.Type == EventType);
        // Adults by birth date that are still linked as a minor, or that came of age recently and were never announced.
        var cameOfAge = await db.Set<Contact>()
            .Where(c => c.Status == ContactStatus.Active && c.BirthDate != null && c.BirthDate <= cutoff)
            .Where(c => activeLinks.Any(l => l.MinorId == c.Id)
                || (c.BirthDate > catchUpFrom && !announced.Any(i => i.ContactId == c.Id)))
            .Select(c => new { c.Id, c.BirthDate })
            .ToListAsync(ct);
        if (cameOfAge.Count == 0)
        {
            return new AgeOutResult(rules.Today, [], 0, 0);
        }

        var ids = cameOfAge.Select(c => c.Id).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var linksEnded = 0;
        var withdrawals = new List<ConsentRecord>();
        foreach (var chunk in ids.Chunk(1000))
        {
            linksEnded += await db.Set<GuardianLink>()
                .Where(l => chunk.Contains(l.MinorId) && l.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.EndedAt, now).SetProperty(l => l.EndReason, EndReason), ct);

            // Consents a guardian (anyone but the person) gave that are still in force end now: the adult decides anew.
            var guardianGiven = await ConsentLedger.Current(db).AsNoTracking()
                .Where(r => chunk.Contains(r.ContactId) && r.Status == ConsentStatus.Granted
                    && r.GivenByContactId != null && r.GivenByContactId != r.ContactId)
                .ToListAsync(ct);
            withdrawals.AddRange(guardianGiven
                .DistinctBy(r => (r.ContactId, r.Channel, r.Purpose))
                .Select(r => new ConsentRecord
                {
                    ContactId = r.ContactId,
                    Channel = r.Channel,
                    Purpose = r.Purpose,
                    Status = ConsentStatus.Withdrawn,
                    Source = "age-out",
                    Reason = "came of age: consent given by a guardian no longer applies",
                    OccurredAt = now,
                    RecordedAt = now,
                    RecordedBy = audit.ActorName,
                }));
        }

        db.AddRange(withdrawals);
        var withdrawnPerContact = withdrawals.GroupBy(w => w.ContactId).ToDictionary(g => g.Key, g => g.Count());
        db.AddRange(cameOfAge.Select(c => new Interaction
        {
            ContactId = c.Id,
            Type = EventType,
            OccurredAt = now,
            RecordedAt = now,
            Source = "age-out",
            IdempotencyKey = $"{EventType}:{c.Id:N}",
            Properties = JsonSerializer.Serialize(new
            {
                ageOfMajority = rules.AgeOfMajority,
                comingOfAgeDate = AgePolicy.ComingOfAge(c.BirthDate!.Value, rules.AgeOfMajority).ToString("yyyy-MM-dd"),
                consentsWithdrawn = withdrawnPerContact.GetValueOrDefault(c.Id),
            }),
        }));
        await AuditLog.AppendAsync(db, audit.ActorName, now,
            [.. cameOfAge.Select(c => new AuditEvent("contact.came_of_age", c.Id, nameof(Contact), c.Id,
                new { consentsWithdrawn = withdrawnPerContact.GetValueOrDefault(c.Id) }))],
            ct);
        // Guardian links were ended by bulk UPDATE (not tracked); the withdrawals and events are tracked.
        var changed = SegmentSignals.KindsOf(db) | (linksEnded > 0 ? SegmentDependency.Families : SegmentDependency.None);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        segmentSignals?.Changed(db, changed);
        return new AgeOutResult(rules.Today, ids, linksEnded, withdrawals.Count);
    }
}
