using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Vinculo.App.Resources;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Workspaces;

namespace Vinculo.App.Components.Audit;

/// <summary>The audit log as people read it: action labels, details, filters from the page or the export link, and the CSV.</summary>
public static class AuditText
{
    /// <summary>Prefix of an action-filter value that names a group rather than one action.</summary>
    public const string GroupPrefix = "group:";

    /// <summary>The actions offered one by one in the filter (besides the groups).</summary>
    public static readonly IReadOnlyList<string> KnownActions =
    [
        "contact.read", "contact.orders.read", "contact.timeline.read", "consent.read", "consent.history_read", "privacy.exported",
        "contact.update", "contact.delete", "contact.came_of_age", "consent.granted", "consent.denied", "consent.withdrawn",
        "privacy.rectified", "privacy.blocked", "privacy.unblocked", "privacy.erased", "privacy.objection",
        .. AuditActions.Administrative,
    ];

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The action in the page's language; unknown ones show as stored.</summary>
    public static string Action(IStringLocalizer<AuditStrings> texts, string action)
    {
        var text = texts["Action_" + action];
        return text.ResourceNotFound ? action : text.Value;
    }

    /// <summary>An entry's instant in the workspace's zone, to the second (an audit trail orders close events).</summary>
    public static string When(DateTime utc, WorkspaceTimeZone zone) => zone.ToLocal(utc).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"key: value · key: value" from the JSON details, values unescaped (the stored text escapes accents).</summary>
    public static string Details(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return "";
        }

        try
        {
            using var json = JsonDocument.Parse(details);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Value(json.RootElement);
            }

            return string.Join(" · ", json.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind != JsonValueKind.Null)
                .Select(p => $"{p.Name}: {Value(p.Value)}"));
        }
        catch (JsonException)
        {
            return details;
        }
    }

    /// <summary>The page's and the export's filters as a query: days are the workspace's local days, "to" included.</summary>
    public static AuditQuery Query(string? actor, string? action, Guid? contactId, DateOnly? from, DateOnly? to, TimeZoneInfo zone)
    {
        AuditActionGroup? group = null;
        string? exact = null;
        if (action is not null && action.StartsWith(GroupPrefix, StringComparison.Ordinal))
        {
            group = Enum.TryParse<AuditActionGroup>(action[GroupPrefix.Length..], out var g) ? g : null;
        }
        else if (!string.IsNullOrWhiteSpace(action))
        {
            exact = action.Trim();
        }

        return new AuditQuery(
            string.IsNullOrWhiteSpace(actor) ? null : actor.Trim(),
            exact,
            group,
            contactId,
            from is { } f ? StartOfDayUtc(f, zone) : null,
            to is { } t ? StartOfDayUtc(t.AddDays(1), zone) : null);
    }

    /// <summary>Midnight of a local day in the zone, as UTC (a midnight skipped by a clock change moves on an hour).</summary>
    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>
    /// Writes the entries as CSV while they are read (never all in memory): local and UTC time,
    /// actor, action code and text, entity, contact, details, sequence. Every text cell is
    /// neutralized for spreadsheets (<see cref="Csv.AsText"/>): actors and details come from users.
    /// </summary>
    public static async Task WriteCsvAsync(IAsyncEnumerable<AuditEntry> entries, Stream body, IStringLocalizer<AuditStrings> texts, WorkspaceTimeZone zone, CancellationToken ct)
    {
        await using var output = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        string[] headers = ["Csv_OccurredAtLocal", "Csv_OccurredAtUtc", "Csv_Actor", "Csv_Action", "Csv_ActionText", "Csv_EntityType", "Csv_EntityId", "Csv_ContactId", "Csv_Details", "Csv_Sequence"];
        Csv.WriteRow(output, headers.Select(h => Csv.AsText(texts[h].Value)));
        var rows = 0;
        await foreach (var e in entries.WithCancellation(ct))
        {
            string[] cells =
            [
                zone.ToLocal(e.OccurredAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                e.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                e.Actor,
                e.Action,
                Action(texts, e.Action),
                e.EntityType ?? "",
                e.EntityId?.ToString() ?? "",
                e.ContactId?.ToString() ?? "",
                Details(e.Details),
                e.Sequence.ToString(CultureInfo.InvariantCulture),
            ];
            Csv.WriteRow(output, cells.Select(Csv.AsText));
            if (++rows % 1000 == 0)
            {
                await output.FlushAsync(ct);
            }
        }

        await output.FlushAsync(ct);
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Object or JsonValueKind.Array => JsonSerializer.Serialize(value, Readable),
        _ => value.GetRawText(),
    };
}
