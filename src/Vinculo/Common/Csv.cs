using System.Globalization;

namespace Vinculo.Common;

/// <summary>
/// CSV cells written by the product (rejects, personal-data and audit exports): RFC 4180 quoting, and
/// the guard against spreadsheets running a cell as a formula (OWASP CSV injection).
/// </summary>
public static class Csv
{
    /// <summary>The value as one CSV field, quoted only when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static void WriteField(TextWriter writer, string value) => writer.Write(Field(value));

    /// <summary>One record: the fields as given, comma-separated, CRLF-terminated.</summary>
    public static void WriteRow(TextWriter writer, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                writer.Write(',');
            }

            WriteField(writer, field);
            first = false;
        }

        writer.Write("\r\n");
    }

    /// <summary>Whether Excel or LibreOffice would take a cell starting like this for a formula: = + - @ tab or CR.</summary>
    public static bool StartsLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// A cell a spreadsheet would run as a formula kept as text with a leading apostrophe; plain numbers
    /// such as -3 are left alone.
    /// </summary>
    public static string AsText(string value) =>
        StartsLikeFormula(value) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;
}
