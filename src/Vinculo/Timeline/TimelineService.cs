using System.Linq.Expressions;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Segments;
using Vinculo.Storage;

namespace Vinculo.Timeline;

/// <summary>An event sent by another system or recorded by a capability.</summary>
public sealed record EventInput
{
    /// <summary>Dotted lower-case type, e.g. "web.page_viewed", "pos.ticket".</summary>
    public string Type { get; init; } = "";
    public Guid? ContactId { get; init; }
    public string? Channel { get; init; }
    /// <summary>When it happened; now when left out.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
    public JsonObject? Properties { get; init; }
    /// <summary>A repeat with the same key in the workspace returns the first event and writes nothing.</summary>
    public string? IdempotencyKey { get; init; }
    public string? Source { get; init; }
}

public sealed record EventView(
    Guid Id, Guid? ContactId, string Type, string? Channel, DateTime OccurredAt, DateTime RecordedAt,
    JsonObject Properties, string? IdempotencyKey, string? Source)
{
    public static EventView From(Interaction i) => new(
        i.Id, i.ContactId, i.Type, i.Channel, i.OccurredAt, i.RecordedAt,
        CustomFieldValidator.Parse(i.Properties), i.IdempotencyKey, i.Source);
}

/// <summary>One recorded event; <see cref="Created"/> is false when the idempotency key had been seen.</summary>
public sealed record RecordedEvent(EventView Event, bool Created);

public sealed record BatchResult(IReadOnlyList<RecordedEvent> Items)
{
    public int Created => Items.Count(i => i.Created);
    public int Duplicates => Items.Count(i => !i.Created);
}

public sealed record TimelineQuery
{
    /// <summary>Exact types; a type ending in ".*" matches its prefix ("email.*").</summary>
    public IReadOnlyList<string>? Types { get; init; }
    public string? Channel { get; init; }
    public DateTimeOffset? From { get; init; }
    /// <summary>Exclusive.</summary>
    public DateTimeOffset? To { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}

/// <summary>The append-only timeline: ingest (single and batch, idempotent per workspace) and a contact's history.</summary>
public sealed partial class TimelineService(IDbContextFactory<VinculoDbContext> contexts, TimeProvider time, SegmentSignals? segmentSignals = null)
{
    public const int MaxBatch = 1000;

    /// <summary>How far ahead of the server clock an event may claim to have happened (clock skew of senders).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(24);

    public async Task<RecordedEvent> RecordAsync(EventInput input, CancellationToken ct = default) =>
        (await RecordCoreAsync([input], batch: false, ct)).Items[0];

    /// <summary>
    /// Records a batch in one transaction: any invalid event refuses the whole batch (errors name "events[i].field"),
    /// events whose key was seen before come back with Created = false.
    /// </summary>
    public async Task<BatchResult> RecordBatchAsync(IReadOnlyList<EventInput> inputs, CancellationToken ct = default)
    {
        if (inputs is null || inputs.Count == 0)
        {
            throw new ValidationFailedException("events", "must hold at least one event");
        }

        if (inputs.Count > MaxBatch)
        {
            throw new ValidationFailedException("events", $"at most {MaxBatch} events per batch");
        }

        return await RecordCoreAsync(inputs, batch: true, ct);
    }

    private async Task<BatchResult> RecordCoreAsync(IReadOnlyList<EventInput> inputs, bool batch, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors();
        var prepared = new Interaction[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            prepared[i] = Prepare(inputs[i], batch ? $"events[{i}]." : "", batch ? i : null, now, errors);
        }

        errors.ThrowIfAny();

        // A unique-key race with another writer is retried once: the second pass sees the winner's row.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var contactIds = prepared.Where(p => p.ContactId is not null).Select(p => p.ContactId!.Value).Distinct().ToList();
            if (contactIds.Count > 0)
            {
                var known = await db.Set<Contact>().Where(c => contactIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
                for (var i = 0; i < prepared.Length; i++)
                {
                    if (prepared[i].ContactId is { } id && !known.Contains(id))
                    {
                        errors.Add(batch ? $"events[{i}].contactId" : "contactId", $"contact {id} does not exist", batch ? i : null);
                    }
                }

                errors.ThrowIfAny();
            }

            var keys = prepared.Where(p => p.IdempotencyKey is not null).Select(p => p.IdempotencyKey!).Distinct().ToList();
            var existing = keys.Count == 0
                ? []
                : await db.Set<Interaction>().AsNoTracking().Where(x => keys.Contains(x.IdempotencyKey!)).ToDictionaryAsync(x => x.IdempotencyKey!, ct);

            var results = new RecordedEvent[prepared.Length];
            var addedByKey = new Dictionary<string, Interaction>();
            for (var i = 0; i < prepared.Length; i++)
            {
                var p = prepared[i];
                if (p.IdempotencyKey is { } key && existing.TryGetValue(key, out var stored))
                {
                    results[i] = new RecordedEvent(EventView.From(stored), Created: false);
                }
                else if (p.IdempotencyKey is { } repeated && addedByKey.TryGetValue(repeated, out var earlier))
                {
                    results[i] = new RecordedEvent(EventView.From(earlier), Created: false);
                }
                else
                {
                    var row = Copy(p);
                    db.Add(row);
                    if (row.IdempotencyKey is not null)
                    {
                        addedByKey[row.IdempotencyKey] = row;
                    }

                    results[i] = new RecordedEvent(EventView.From(row), Created: true);
                }
            }

            try
            {
                // Only new rows are tracked, so repeats of a seen idempotency key signal nothing.
                await db.SaveChangesAndSignalAsync(segmentSignals, ct);
                return new BatchResult(results);
            }
            catch (DbUpdateException) when (attempt == 0 && keys.Count > 0)
            {
                // Fall through to the second attempt with a fresh context.
            }
        }
    }

    // A fresh row per attempt: a failed SaveChanges leaves the tracked instances in an unknown state.
    private static Interaction Copy(Interaction p) => new()
    {
        Id = p.Id,
        ContactId = p.ContactId,
        Type = p.Type,
        Channel = p.Channel,
        OccurredAt = p.OccurredAt,
        RecordedAt = p.RecordedAt,
        Properties = p.Properties,
        IdempotencyKey = p.IdempotencyKey,
        Source = p.Source,
    };

    private static Interaction Prepare(EventInput? input, string prefix, long? row, DateTime now, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add(prefix.Length > 0 ? prefix.TrimEnd('.') : "event", "is required", row);
            return new Interaction { Type = "" };
        }

        var type = input.Type?.Trim().ToLowerInvariant() ?? "";
        if (type.Length is 0 or > 100 || !TypePattern().IsMatch(type))
        {
            errors.Add(prefix + "type", "is required: lower-case words joined by dots, e.g. \"web.page_viewed\" (at most 100)", row);
        }

        var channel = string.IsNullOrWhiteSpace(input.Channel) ? null : input.Channel.Trim().ToLowerInvariant();
        if (channel is { Length: > 40 })
        {
            errors.Add(prefix + "channel", "must be at most 40 characters", row);
        }

        var occurred = input.OccurredAt?.UtcDateTime ?? now;
        if (occurred > now + FutureTolerance)
        {
            errors.Add(prefix + "occurredAt", "must not be more than 24 hours in the future", row);
        }
        else if (occurred.Year < 1970)
        {
            errors.Add(prefix + "occurredAt", "must be after 1970", row);
        }

        var key = string.IsNullOrWhiteSpace(input.IdempotencyKey) ? null : input.IdempotencyKey.Trim();
        if (key is { Length: > 200 })
        {
            errors.Add(prefix + "idempotencyKey", "must be at most 200 characters", row);
        }

        var source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        if (source is { Length: > 100 })
        {
            errors.Add(prefix + "source", "must be at most 100 characters", row);
        }

        var properties = input.Properties?.ToJsonString() ?? "{}";
        if (properties.Length > 64 * 1024)
        {
            errors.Add(prefix + "properties", "must be at most 64 KB of JSON", row);
        }

        return new Interaction
        {
            ContactId = input.ContactId,
            Type = type,
            Channel = channel,
            OccurredAt = DateTime.SpecifyKind(occurred, DateTimeKind.Utc),
            RecordedAt = now,
            Properties = properties,
            IdempotencyKey = key,
            Source = source,
        };
    }

    /// <summary>A contact's timeline, newest first.</summary>
    public async Task<PagedResult<EventView>> GetTimelineAsync(Guid contactId, TimelineQuery? query = null, CancellationToken ct = default)
    {
        query ??= new TimelineQuery();
        var (page, pageSize) = Paging.Clamp(query.Page, query.PageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Set<Contact>().AnyAsync(c => c.Id == contactId, ct))
        {
            throw new NotFoundException("Contact", contactId);
        }

        var q = db.Set<Interaction>().AsNoTracking().Where(i => i.ContactId == contactId);
        var types = (query.Types ?? []).Select(t => t?.Trim().ToLowerInvariant()).Where(t => !string.IsNullOrEmpty(t)).ToList();
        var exact = types.Where(t => !t!.EndsWith(".*", StringComparison.Ordinal)).ToList();
        var prefixes = types.Where(t => t!.EndsWith(".*", StringComparison.Ordinal)).Select(t => t![..^1]).ToList();
        if (types.Count > 0)
        {
            q = q.Where(TypeFilter(exact!, prefixes!));
        }

        if (!string.IsNullOrWhiteSpace(query.Channel))
        {
            var channel = query.Channel.Trim().ToLowerInvariant();
            q = q.Where(i => i.Channel == channel);
        }

        if (query.From is { } from)
        {
            var f = from.UtcDateTime;
            q = q.Where(i => i.OccurredAt >= f);
        }

        if (query.To is { } to)
        {
            var t = to.UtcDateTime;
            q = q.Where(i => i.OccurredAt < t);
        }

        var total = await q.LongCountAsync(ct);
        var items = await q.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedResult<EventView>([.. items.Select(EventView.From)], page, pageSize, total);
    }

    // exact IN (...) OR type LIKE 'prefix%' OR ...: prefixes are few, so an OR keeps the (type, occurred_at) index usable.
    private static Expression<Func<Interaction, bool>> TypeFilter(List<string> exact, List<string> prefixes)
    {
        var i = Expression.Parameter(typeof(Interaction), "i");
        var type = Expression.Property(i, nameof(Interaction.Type));
        Expression? body = null;
        if (exact.Count > 0)
        {
            body = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(exact), type);
        }

        foreach (var prefix in prefixes)
        {
            var startsWith = Expression.Call(type, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Expression.Constant(prefix));
            body = body is null ? startsWith : Expression.OrElse(body, startsWith);
        }

        return Expression.Lambda<Func<Interaction, bool>>(body!, i);
    }

    [GeneratedRegex("^[a-z0-9_]+(\\.[a-z0-9_]+)*$")]
    private static partial Regex TypePattern();
}

public static class TimelineServiceCollection
{
    public static IServiceCollection AddTimeline(this IServiceCollection services) => services.AddScoped<TimelineService>();
}
