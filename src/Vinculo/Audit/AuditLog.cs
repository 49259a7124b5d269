using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Storage;

namespace Vinculo.Audit;

/// <summary>Who is acting in this scope: set by the API from the principal, by the UI from the user, by jobs to "system:…".</summary>
public sealed class AuditActor
{
    public string Name { get; set; } = "system";
}

/// <summary>One thing to write to the audit log.</summary>
public sealed record AuditEvent(string Action, Guid? ContactId = null, string? EntityType = null, Guid? EntityId = null, object? Details = null);

/// <summary>Result of checking a workspace's chain: the first row that does not fit, if any.</summary>
public sealed record AuditVerification(bool Intact, long RowsChecked, long? BrokenAtSequence, Guid? BrokenEntryId, string? Reason);

/// <summary>The tamper-evident audit log of reads and changes of personal data.</summary>
public sealed class AuditLog(IDbContextFactory<VinculoDbContext> factory, TimeProvider time, AuditActor actor)
{
    public string ActorName => actor.Name;

    public Task RecordAsync(string action, Guid? contactId = null, string? entityType = null, Guid? entityId = null, object? details = null, CancellationToken ct = default)
        => RecordManyAsync([new AuditEvent(action, contactId, entityType, entityId, details)], ct);

    /// <summary>Appends the events in order; retries when another writer appended first.</summary>
    public async Task RecordManyAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await db.SaveChangesAuditedAsync(actor.Name, time.GetUtcNow().UtcDateTime, events, ct);
    }

    /// <summary>
    /// Adds the events to <paramref name="db"/> after the current chain head, without saving, so a
    /// caller can write them in the same transaction as the change they describe.
    /// </summary>
    internal static async Task AppendAsync(VinculoDbContext db, string actorName, DateTime nowUtc, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var head = await db.Set<AuditEntry>().AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? "";
        var at = TruncateToMicroseconds(nowUtc);
        var workspaceId = db.WorkspaceId ?? throw new InvalidOperationException("Audit entries need a workspace.");
        foreach (var e in events)
        {
            var details = e.Details is null ? null : e.Details as string ?? JsonSerializer.Serialize(e.Details);
            var entry = new AuditEntry
            {
                WorkspaceId = workspaceId,
                Sequence = ++sequence,
                OccurredAt = at,
                Actor = actorName,
                Action = e.Action,
                EntityType = e.EntityType,
                EntityId = e.EntityId,
                ContactId = e.ContactId,
                Details = details,
                DetailsHash = Sha256(details ?? ""),
                PreviousHash = previous,
                Hash = "",
            };
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
            db.Add(entry);
        }
    }

    /// <summary>Walks the whole chain of this workspace in order and reports the first row that does not fit.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        long expected = 0;
        var previous = "";
        await foreach (var e in db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            expected++;
            string? reason = null;
            if (e.Sequence != expected)
            {
                reason = $"expected sequence {expected}: a row is missing or was inserted";
            }
            else if (e.PreviousHash != previous)
            {
                reason = "previous hash does not match the row before";
            }
            else if (e.Details is not null && Sha256(e.Details) != e.DetailsHash)
            {
                reason = "details were changed";
            }
            else if (ComputeHash(e) != e.Hash)
            {
                reason = "row content does not match its hash";
            }

            if (reason is not null)
            {
                return new AuditVerification(false, expected, e.Sequence, e.Id, reason);
            }

            previous = e.Hash;
        }

        return new AuditVerification(true, expected, null, null, null);
    }

    public async Task<PagedResult<AuditEntry>> ListAsync(Guid? contactId, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Set<AuditEntry>().AsNoTracking().Where(e => contactId == null || e.ContactId == contactId);
        var total = await query.LongCountAsync(ct);
        var items = await query.OrderByDescending(e => e.Sequence).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AuditEntry>(items, p, size, total);
    }

    internal static string ComputeHash(AuditEntry e)
    {
        // A JSON array is an unambiguous encoding of the fields (no delimiter can be smuggled in).
        var canonical = JsonSerializer.Serialize(new[]
        {
            e.WorkspaceId.ToString("N"),
            e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.OccurredAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            e.Actor,
            e.Action,
            e.EntityType,
            e.EntityId?.ToString("N"),
            e.ContactId?.ToString("N"),
            e.DetailsHash,
            e.PreviousHash,
        });
        return Sha256(canonical);
    }

    internal static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
