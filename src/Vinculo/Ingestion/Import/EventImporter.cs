using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Storage.Bulk;
using Vinculo.Timeline;

namespace Vinculo.Ingestion.Import;

/// <summary>
/// Events onto the timeline: each row is an interaction, idempotent by its event id or, without one,
/// by a hash of the row, so a re-run inserts nothing. Unmapped columns become the event's properties.
/// </summary>
public sealed class EventImporter : IRowImporter
{
    public string? GroupField => null;

    public async Task<ChunkCounts> ImportAsync(ChunkContext context, IReadOnlyList<NormalizedRow> rows, CancellationToken ct)
    {
        var counts = new ChunkCounts();
        var r = context.Rows;
        int eventId = r.Slot("event_id"), eventType = r.Slot("event_type"), occurredAt = r.Slot("occurred_at"), customerId = r.Slot("customer_id"),
            customerEmail = r.Slot("customer_email"), channel = r.Slot("channel");
        var headers = r.Mapping.Headers;
        var fields = r.Mapping.FieldsByColumn;

        var accepted = new List<NormalizedRow>(rows.Count);
        foreach (var row in rows)
        {
            if (!row.HasError && row[eventType] is null)
            {
                row.AddIssue("event_type", null, "is required", warning: false);
            }

            if (!row.HasError && row[occurredAt] is null)
            {
                row.AddIssue("occurred_at", null, "is required", warning: false);
            }

            if (!RowNormalizer.Report(row, counts))
            {
                accepted.Add(row);
            }
        }

        var db = context.Db;
        var ids = accepted.Select(a => a[customerId]).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var emails = accepted.Select(a => a[customerEmail]).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var contactByKey = await ContactKeys.FindAsync(db, ids, emails, [], survivors: true, ct);

        var interactions = new List<Interaction>(accepted.Count);
        foreach (var row in accepted)
        {
            Guid? contactId = null;
            if ((row[customerId] is { } id && contactByKey.TryGetValue(ContactDraft.ExternalKey(id), out var byId)) || (row[customerEmail] is { } email && contactByKey.TryGetValue(ContactDraft.EmailKey(email), out byId)))
            {
                contactId = byId;
            }
            else if (row[customerId] is not null || row[customerEmail] is not null)
            {
                counts.Warnings++;
                counts.Issues.Add(new Jobs.RowIssue(row.Number, "customer", row[customerId] ?? row[customerEmail], "no contact has this key: the event is kept without a contact", true));
            }

            var properties = new JsonObject();
            for (var i = 0; i < headers.Count; i++)
            {
                if (fields[i] is null && i < row.Source.Cells.Length && !string.IsNullOrWhiteSpace(row.Source.Cells[i]))
                {
                    properties[headers[i]] = row.Source.Cells[i].Trim();
                }
            }

            var type = row[eventType]!.ToLowerInvariant().Replace(' ', '_');
            interactions.Add(new Interaction
            {
                ContactId = contactId,
                Type = type.Length > 100 ? type[..100] : type,
                Channel = row[channel]?.ToLowerInvariant(),
                OccurredAt = ImportValues.Instant(row[occurredAt]) ?? throw new FormatException($"'{row[occurredAt]}' is not a normalized date and time"),
                RecordedAt = context.Now,
                Properties = properties.ToJsonString(),
                IdempotencyKey = row[eventId] is { } given ? "import:" + given : "import:" + RowHash(row.Source.Cells),
                Source = "import",
            });
        }

        if (context.Session is { } session)
        {
            counts.Created = await session.InsertAsync(interactions, skipConflicts: true, ct: ct);
        }
        else
        {
            var keys = interactions.Select(i => i.IdempotencyKey!).Distinct().ToList();
            var known = (await KeyLookup.FindAsync(db, "interactions", "idempotency_key", "id", keys, ct: ct)).Count;
            counts.Created = keys.Count - known;
        }

        counts.Unchanged = interactions.Count - counts.Created;
        return counts;
    }

    private static string RowHash(string[] cells)
    {
        var joined = string.Join('\u001f', cells.Select(c => c.Trim()));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..40];
    }
}
