using System.Globalization;
using MiniExcelLibs;

namespace Vinculo.Ingestion.Readers;

/// <summary>The first sheet of an Excel 2007+ workbook, streamed row by row; the first row holds the headers.</summary>
public sealed class XlsxFormat : IImportFormat
{
    public string Name => "xlsx";

    // A .xlsx is a zip: "PK\x03\x04".
    public bool CanRead(string fileName, ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])
        && (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".xlsm", StringComparison.OrdinalIgnoreCase) || !fileName.Contains('.', StringComparison.Ordinal));

    public ITabularReader Open(Stream stream) => new XlsxTabularReader(stream);

    /// <summary>Cell values as the import sees them: dates ISO, numbers invariant (an Excel serial stays a number).</summary>
    internal static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class XlsxTabularReader : ITabularReader
    {
        private readonly Stream _stream;
        private readonly IEnumerator<IDictionary<string, object?>> _rows;
        private readonly string[] _columnLetters;
        private IDictionary<string, object?>? _current;

        public XlsxTabularReader(Stream stream)
        {
            _stream = stream;
            _rows = MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .GetEnumerator();
            if (!_rows.MoveNext())
            {
                Headers = [];
                _columnLetters = [];
                return;
            }

            // Trailing empty header cells are not columns.
            var header = _rows.Current.ToList();
            var last = header.FindLastIndex(kv => !string.IsNullOrWhiteSpace(CellText(kv.Value)));
            header = header.Take(last + 1).ToList();
            _columnLetters = [.. header.Select(kv => kv.Key)];
            Headers = [.. header.Select(kv => CellText(kv.Value).Trim())];
            RowNumber = 1;
        }

        public IReadOnlyList<string> Headers { get; }

        public long RowNumber { get; private set; }

        // The zip is read through once into XML; the row count is unknown until the end.
        public double Progress => _stream.CanSeek && _stream.Length > 0 ? Math.Min(1.0, (double)_stream.Position / _stream.Length) : 0;

        public bool Read()
        {
            while (_rows.MoveNext())
            {
                RowNumber++;
                _current = _rows.Current;
                if (_current.Values.Any(v => v is not null && CellText(v).Length > 0))
                {
                    return true;
                }
            }

            _current = null;
            return false;
        }

        public string GetString(int index) =>
            _current is not null && index < _columnLetters.Length && _current.TryGetValue(_columnLetters[index], out var v) ? CellText(v) : "";

        public void Dispose()
        {
            _rows.Dispose();
            _stream.Dispose();
        }
    }
}
