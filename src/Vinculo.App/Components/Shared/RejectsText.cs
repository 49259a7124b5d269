using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Sylvan.Data.Csv;
using Vinculo.App.Resources;
using Vinculo.Ingestion.Jobs;

namespace Vinculo.App.Components.Shared;

/// <summary>
/// The rejects file as a person downloads it from the wizard: headers, severities and known reasons in
/// the page's language, and values that a spreadsheet would run as a formula shown as text. The stored
/// file (and the API's download) stays in the canonical English columns for programs.
/// </summary>
public static class RejectsText
{
    private static readonly string[] HeaderKeys = ["Rejects_Row", "Rejects_Field", "Rejects_Value", "Rejects_Severity", "Rejects_Reason"];

    public static async Task WriteAsync(Stream stored, Stream body, IStringLocalizer<Strings> texts, CancellationToken ct)
    {
        using var source = new StreamReader(stored, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var rows = await CsvDataReader.CreateAsync(source, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' }, ct);
        await using var output = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        output.Write(string.Join(',', HeaderKeys.Select(k => Quoted(texts[k]))));
        output.Write("\r\n");
        while (await rows.ReadAsync(ct))
        {
            output.Write(rows.GetString(0));
            output.Write(',');
            RejectsWriter.WriteField(output, rows.GetString(1));
            output.Write(',');
            RejectsWriter.WriteField(output, AsText(rows.GetString(2)));
            output.Write(',');
            RejectsWriter.WriteField(output, rows.GetString(3) == "warning" ? texts["Rejects_Warning"] : texts["Rejects_Error"]);
            output.Write(',');
            RejectsWriter.WriteField(output, ReasonText.Localize(texts, rows.GetString(4)));
            output.Write("\r\n");
        }

        await output.FlushAsync(ct);
    }

    private static string Quoted(string header)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        RejectsWriter.WriteField(writer, header);
        return writer.ToString();
    }

    /// <summary>
    /// A cell starting with = + - @ or a control character is a formula to Excel and LibreOffice (CSV
    /// injection); a leading apostrophe keeps it text. Plain numbers such as -3 are left alone.
    /// </summary>
    public static string AsText(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;
}
