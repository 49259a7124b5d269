using System.Text;
using System.Text.Unicode;
using Sylvan.Data.Csv;

namespace Vinculo.Ingestion.Readers;

/// <summary>Delimited text: encoding and delimiter are detected from the first bytes, quoted multi-line fields allowed.</summary>
public sealed class CsvFormat : IImportFormat
{
    private const int SampleBytes = 64 * 1024;
    private static readonly char[] CandidateDelimiters = [',', ';', '\t', '|'];

    static CsvFormat()
    {
        // Windows-1252 is not built into .NET; Excel on Spanish Windows still saves CSV in it.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public string Name => "csv";

    public bool CanRead(string fileName, ReadOnlySpan<byte> head) => true;

    public ITabularReader Open(Stream stream)
    {
        var sample = new byte[SampleBytes];
        var length = stream.ReadAtLeast(sample, SampleBytes, throwOnEndOfStream: false);
        stream.Position = 0;
        var encoding = DetectEncoding(sample.AsSpan(0, length));
        var text = encoding.GetString(sample, 0, length);
        var delimiter = SniffDelimiter(text);
        return new CsvTabularReader(stream, encoding, delimiter);
    }

    /// <summary>BOM first; else UTF-8 if the sample decodes strictly; else Windows-1252 (a superset of Latin-1's printable range).</summary>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> sample)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        // A multi-byte sequence cut by the end of the sample is not evidence against UTF-8.
        var end = sample.Length;
        for (var back = 1; back <= 3 && end - back >= 0 && sample.Length == SampleBytes; back++)
        {
            var b = sample[end - back];
            if ((b & 0xC0) == 0xC0)
            {
                sample = sample[..(end - back)];
                break;
            }

            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return Utf8.IsValid(sample) ? new UTF8Encoding(false) : Encoding.GetEncoding(1252);
    }

    /// <summary>The candidate that appears (outside quotes) the same non-zero number of times on most of the first lines.</summary>
    public static char SniffDelimiter(string sample)
    {
        var lines = SplitRecords(sample, 20);
        if (lines.Count == 0)
        {
            return ',';
        }

        var best = ',';
        var bestScore = -1.0;
        foreach (var candidate in CandidateDelimiters)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, candidate)).ToList();
            var header = counts[0];
            if (header == 0)
            {
                continue;
            }

            var consistent = counts.Count(c => c == header);
            var score = consistent * 1000.0 / counts.Count + header;
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }

        return best;
    }

    private static List<string> SplitRecords(string text, int max)
    {
        var records = new List<string>();
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i < text.Length && records.Count < max; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == '\n' && !inQuotes)
            {
                var line = text[start..i].TrimEnd('\r');
                if (line.Length > 0)
                {
                    records.Add(line);
                }

                start = i + 1;
            }
        }

        // The last line is only complete when the sample holds the whole file.
        if (records.Count == 0 && start < text.Length)
        {
            records.Add(text[start..]);
        }

        return records;
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var inQuotes = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == delimiter && !inQuotes)
            {
                count++;
            }
        }

        return count;
    }

    private sealed class CsvTabularReader : ITabularReader
    {
        private readonly Stream _stream;
        private readonly long _length;
        private readonly CsvDataReader _csv;

        public CsvTabularReader(Stream stream, Encoding encoding, char delimiter)
        {
            _stream = stream;
            _length = stream.CanSeek ? Math.Max(1, stream.Length) : 0;
            var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            _csv = CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                Delimiter = delimiter,
                HasHeaders = true,
                Comment = '\uFFFF',
                BufferSize = 1 << 16,
                MaxBufferSize = 1 << 22,
                OwnsReader = true,
            });
            var headers = new string[_csv.FieldCount];
            for (var i = 0; i < headers.Length; i++)
            {
                headers[i] = _csv.GetName(i).Trim().TrimStart('\uFEFF');
            }

            Headers = headers;
            RowNumber = 1;
        }

        public IReadOnlyList<string> Headers { get; }

        public long RowNumber { get; private set; }

        public double Progress => _length == 0 ? 0 : Math.Min(1.0, (double)_stream.Position / _length);

        public bool Read()
        {
            if (!_csv.Read())
            {
                return false;
            }

            RowNumber++;
            return true;
        }

        public string GetString(int index) => index < _csv.RowFieldCount ? _csv.GetString(index) : "";

        public void Dispose()
        {
            _csv.Dispose();
            _stream.Dispose();
        }
    }
}
