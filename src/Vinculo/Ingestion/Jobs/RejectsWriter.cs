using System.Text;
using Vinculo.Common;

namespace Vinculo.Ingestion.Jobs;

/// <summary>A refused or flagged value of one row: what goes to the rejects file.</summary>
public sealed record RowIssue(long Row, string Field, string? Value, string Reason, bool IsWarning = false);

/// <summary>
/// The rejects CSV (row, field, value, severity, reason), UTF-8 with BOM so Excel shows accents. Appended
/// per chunk before the chunk commits; a resumed job first cuts it back to the committed length.
/// </summary>
public sealed class RejectsWriter : IDisposable
{
    public const string Header = "row,field,value,severity,reason";

    private readonly FileStream _stream;
    private readonly StreamWriter _writer;

    public RejectsWriter(string path, long committedLength)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        if (committedLength <= 0 || _stream.Length < committedLength)
        {
            committedLength = 0;
        }

        _stream.SetLength(committedLength);
        _stream.Position = committedLength;
        _writer = new StreamWriter(_stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: committedLength == 0));
        if (committedLength == 0)
        {
            _writer.Write(Header);
            _writer.Write("\r\n");
        }
    }

    /// <summary>Appends the issues and returns the file's length after them (what the checkpoint records).</summary>
    public long Append(IEnumerable<RowIssue> issues)
    {
        foreach (var issue in issues)
        {
            _writer.Write(issue.Row);
            _writer.Write(',');
            Csv.WriteField(_writer, issue.Field);
            _writer.Write(',');
            Csv.WriteField(_writer, issue.Value ?? "");
            _writer.Write(issue.IsWarning ? ",warning," : ",error,");
            Csv.WriteField(_writer, issue.Reason);
            _writer.Write("\r\n");
        }

        _writer.Flush();
        _stream.Flush(flushToDisk: true);
        return _stream.Length;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
