using System.Text;
using Microsoft.Extensions.Localization;
using Sylvan.Data.Csv;
using Vinculo.App.Resources;
using Vinculo.Common;

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
        Csv.WriteRow(output, HeaderKeys.Select(k => texts[k].Value));
        while (await rows.ReadAsync(ct))
        {
            Csv.WriteRow(output,
            [
                rows.GetString(0),
                rows.GetString(1),
                Csv.AsText(rows.GetString(2)),
                rows.GetString(3) == "warning" ? texts["Rejects_Warning"] : texts["Rejects_Error"],
                ReasonText.Localize(texts, rows.GetString(4)),
            ]);
        }

        await output.FlushAsync(ct);
    }
}
