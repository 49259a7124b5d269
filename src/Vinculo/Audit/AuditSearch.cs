using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Storage;

namespace Vinculo.Audit;

/// <summary>
/// What to look for in the audit log. <see cref="Actor"/> and <see cref="Action"/> are exact;
/// <see cref="FromUtc"/> is inclusive, <see cref="ToUtc"/> exclusive.
/// </summary>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    AuditActionGroup? Group = null,
    Guid? ContactId = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null);

/// <summary>A page of entries, newest first, with a count that stops at <see cref="AuditSearch.CountLimit"/>.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, long Total, bool MoreThanTotal);

/// <summary>
/// Reads the workspace's audit log for people (Settings → Auditoría, the contact page, the CSV export).
/// Newest first by (occurred_at, sequence), which the (workspace_id, occurred_at, sequence) index
/// serves; actor and contact filters have their own indexes. The count stops at 10,000, as the
/// contacts list does, so a page never counts millions of rows.
/// </summary>
public sealed class AuditSearch(IDbContextFactory<VinculoDbContext> factory)
{
    public const int CountLimit = 10_000;

    public async Task<AuditPage> SearchAsync(AuditQuery query, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        var filtered = Filter(db, query);
        var counted = await filtered.Select(e => e.Id).Take(CountLimit + 1).LongCountAsync(ct);
        var items = await Newest(filtered).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new AuditPage(items, p, size, Math.Min(counted, CountLimit), counted > CountLimit);
    }

    /// <summary>Every matching entry, newest first, read as a stream (for the CSV export).</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await foreach (var entry in Newest(Filter(db, query)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return entry;
        }
    }

    /// <summary>The latest entries about one contact (the contact page's access history).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForContactAsync(Guid contactId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Newest(db.Set<AuditEntry>().AsNoTracking().Where(e => e.ContactId == contactId)).Take(take).ToListAsync(ct);
    }

    /// <summary>Distinct actors among the latest entries, to suggest in the actor filter (cheap: a bounded read).</summary>
    public async Task<IReadOnlyList<string>> RecentActorsAsync(int window = 2_000, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var actors = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.OccurredAt).Take(window).Select(e => e.Actor).ToListAsync(ct);
        return [.. actors.Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Display names of the contacts a page of entries is about (erased contacts have none).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> ContactNamesAsync(IEnumerable<Guid> contactIds, CancellationToken ct = default)
    {
        var ids = contactIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<Contacts.Contact>().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.DisplayName }).ToListAsync(ct);
        return rows.Where(r => !string.IsNullOrEmpty(r.DisplayName)).ToDictionary(r => r.Id, r => r.DisplayName);
    }

    private static IQueryable<AuditEntry> Filter(VinculoDbContext db, AuditQuery q)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Actor))
        {
            var actor = q.Actor.Trim();
            query = query.Where(e => e.Actor == actor);
        }

        if (!string.IsNullOrWhiteSpace(q.Action))
        {
            var action = q.Action.Trim();
            query = query.Where(e => e.Action == action);
        }

        if (q.Group is { } group)
        {
            var matches = AuditActions.Matches(group);
            // Rewrites "action => …" into "entry => … entry.Action …" so the group stays SQL.
            var entry = System.Linq.Expressions.Expression.Parameter(typeof(AuditEntry), "e");
            var body = new ReplaceParameter(matches.Parameters[0], System.Linq.Expressions.Expression.Property(entry, nameof(AuditEntry.Action))).Visit(matches.Body);
            query = query.Where(System.Linq.Expressions.Expression.Lambda<Func<AuditEntry, bool>>(body, entry));
        }

        if (q.ContactId is { } contactId)
        {
            query = query.Where(e => e.ContactId == contactId);
        }

        if (q.FromUtc is { } from)
        {
            var f = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            query = query.Where(e => e.OccurredAt >= f);
        }

        if (q.ToUtc is { } to)
        {
            var t = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            query = query.Where(e => e.OccurredAt < t);
        }

        return query;
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> query) =>
        query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Sequence);

    private sealed class ReplaceParameter(System.Linq.Expressions.ParameterExpression from, System.Linq.Expressions.Expression to) : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(System.Linq.Expressions.ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
