using System.Text.Json;
using Vinculo.Contacts;

namespace Vinculo.Ingestion.Mapping;

/// <summary>One file column and the field it fills (null = ignored).</summary>
public sealed record ColumnMap(string Header, string? Field);

/// <summary>How a file's columns fill fields; matched to a file by header text, not position.</summary>
public sealed record ColumnMapping(ImportTarget Target, IReadOnlyList<ColumnMap> Columns)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ColumnMapping FromJson(string json) => JsonSerializer.Deserialize<ColumnMapping>(json, Json) ?? throw new InvalidOperationException("Empty mapping.");

    /// <summary>
    /// The mapping Vinculo proposes for these headers: known spellings first, then custom fields by key
    /// or label; the first column wins when two name the same field. Unknown columns are left unmapped.
    /// </summary>
    public static ColumnMapping Suggest(ImportTarget target, IReadOnlyList<string> headers, IEnumerable<CustomFieldDefinition> customFields)
    {
        var customByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        if (target == ImportTarget.Contacts)
        {
            foreach (var definition in customFields.Where(d => d.Target == CustomFieldTarget.Contact))
            {
                customByKey.TryAdd(ImportFields.HeaderKey(definition.Key), ImportFields.CustomPrefix + definition.Key);
                customByKey.TryAdd(ImportFields.HeaderKey(definition.Label), ImportFields.CustomPrefix + definition.Key);
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var columns = new List<ColumnMap>(headers.Count);
        foreach (var header in headers)
        {
            var field = ImportFields.Recognize(target, header) ?? customByKey.GetValueOrDefault(ImportFields.HeaderKey(header));
            columns.Add(new ColumnMap(header, field is not null && used.Add(field) ? field : null));
        }

        return new ColumnMapping(target, columns);
    }

    /// <summary>
    /// Column indexes of this file per mapped field. A header the mapping does not mention (a saved
    /// mapping used on a slightly different export) gets the field its name is recognised as, if free.
    /// </summary>
    public BoundMapping Bind(IReadOnlyList<string> fileHeaders)
    {
        var byHeader = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var column in Columns)
        {
            byHeader.TryAdd(ImportFields.HeaderKey(column.Header), column.Field);
        }

        var used = new HashSet<string>(Columns.Where(c => c.Field is not null).Select(c => c.Field!), StringComparer.Ordinal);
        var fields = new string?[fileHeaders.Count];
        var ignored = new List<string>();
        for (var i = 0; i < fileHeaders.Count; i++)
        {
            var key = ImportFields.HeaderKey(fileHeaders[i]);
            if (byHeader.TryGetValue(key, out var field))
            {
                fields[i] = field;
            }
            else if (ImportFields.Recognize(Target, fileHeaders[i]) is { } recognised && used.Add(recognised))
            {
                fields[i] = recognised;
            }

            if (fields[i] is null && fileHeaders[i].Length > 0)
            {
                ignored.Add(fileHeaders[i]);
            }
        }

        return new BoundMapping(Target, [.. fileHeaders], fields, ignored);
    }
}

/// <summary>A mapping applied to one file's header row: the field of each column index.</summary>
public sealed class BoundMapping(ImportTarget target, string[] headers, string?[] fieldsByColumn, IReadOnlyList<string> ignoredHeaders)
{
    public IReadOnlyList<string> Headers { get; } = headers;

    public ImportTarget Target { get; } = target;

    public IReadOnlyList<string?> FieldsByColumn { get; } = fieldsByColumn;

    /// <summary>File columns no field takes: reported, never imported.</summary>
    public IReadOnlyList<string> IgnoredHeaders { get; } = ignoredHeaders;

    public int IndexOf(string field)
    {
        for (var i = 0; i < FieldsByColumn.Count; i++)
        {
            if (FieldsByColumn[i] == field)
            {
                return i;
            }
        }

        return -1;
    }
}
