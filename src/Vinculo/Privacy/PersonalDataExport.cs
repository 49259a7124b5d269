using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vinculo.Common;

namespace Vinculo.Privacy;

/// <summary>Everything held about one person (ARCO "acceso" / GDPR art. 15), section by section.</summary>
public sealed class PersonalDataExport
{
    public Guid ContactId { get; init; }
    public DateTime ExportedAt { get; init; }
    /// <summary>Section name → records (each a flat-ish JSON object).</summary>
    public Dictionary<string, List<JsonElement>> Sections { get; init; } = [];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    internal static JsonElement ToElement(object value) => JsonSerializer.SerializeToElement(value, JsonOptions);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// One row per value: section, record, field (dotted path), value. Cells are safe to open in a
    /// spreadsheet: see <see cref="CsvCell"/>.
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append("section,record,field,value\r\n");
        foreach (var (section, records) in Sections)
        {
            for (var i = 0; i < records.Count; i++)
            {
                foreach (var (field, value) in Flatten(records[i], ""))
                {
                    sb.Append(CsvCell(section)).Append(',')
                      .Append(i + 1).Append(',')
                      .Append(CsvCell(field)).Append(',')
                      .Append(CsvCell(value)).Append("\r\n");
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// A CSV cell that a spreadsheet will not run as a formula: text starting with = + - @ tab or CR
    /// gets a leading apostrophe (OWASP CSV injection advice); then RFC 4180 quoting.
    /// </summary>
    public static string CsvCell(string? value) =>
        string.IsNullOrEmpty(value) ? "" : Csv.Field(Csv.StartsLikeFormula(value) ? "'" + value : value);

    private static IEnumerable<(string Field, string? Value)> Flatten(JsonElement e, string prefix)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    foreach (var x in Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name))
                    {
                        yield return x;
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    foreach (var x in Flatten(item, $"{prefix}[{i++}]"))
                    {
                        yield return x;
                    }
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                yield return (prefix, null);
                break;
            case JsonValueKind.String:
                yield return (prefix, e.GetString());
                break;
            default:
                yield return (prefix, e.GetRawText());
                break;
        }
    }
}
