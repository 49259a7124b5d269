namespace Vinculo.Ingestion.Readers;

/// <summary>
/// A file read one row at a time in constant memory: a header row, then data rows of strings.
/// Every import format (CSV, XLSX, …) yields one of these, so the rest of the pipeline is format-blind.
/// </summary>
public interface ITabularReader : IDisposable
{
    IReadOnlyList<string> Headers { get; }

    /// <summary>1-based row number in the file of the current data row (the header is row 1).</summary>
    long RowNumber { get; }

    /// <summary>How far through the file the reader is, 0..1, for progress.</summary>
    double Progress { get; }

    bool Read();

    /// <summary>The current row's value of column <paramref name="index"/>; "" when the row is short.</summary>
    string GetString(int index);
}

/// <summary>An import format: the extension point for new file kinds.</summary>
public interface IImportFormat
{
    string Name { get; }

    /// <summary>True when this format reads the file, judged by name and its first bytes.</summary>
    bool CanRead(string fileName, ReadOnlySpan<byte> head);

    ITabularReader Open(Stream stream);
}

/// <summary>Picks the format for a file among the registered ones (XLSX before the CSV catch-all).</summary>
public sealed class ImportFormats(IEnumerable<IImportFormat> formats)
{
    private readonly IImportFormat[] _formats = [.. formats];

    public static ImportFormats Default { get; } = new([new XlsxFormat(), new CsvFormat()]);

    public IReadOnlyList<IImportFormat> All => _formats;

    public IImportFormat For(string fileName, ReadOnlySpan<byte> head)
    {
        foreach (var format in _formats)
        {
            if (format.CanRead(fileName, head))
            {
                return format;
            }
        }

        throw new Common.ValidationFailedException("file", $"'{Path.GetFileName(fileName)}' is not a file format Vinculo can import (CSV, TXT, XLSX).");
    }

    /// <summary>Opens a stored file with the right format; the reader owns the stream.</summary>
    public ITabularReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> head = stackalloc byte[8];
            var read = stream.Read(head);
            stream.Position = 0;
            return For(path, head[..read]).Open(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
