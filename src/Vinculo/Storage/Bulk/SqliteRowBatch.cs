using System.Globalization;
using System.Text;
using SQLitePCL;

namespace Vinculo.Storage.Bulk;

/// <summary>
/// Rows encoded the way Microsoft.Data.Sqlite would bind them (UTF-8 text, Guid bytes, ISO dates),
/// ready to bind from spans. Encoding runs on another thread than the inserts, so the
/// single SQLite writer spends its time in SQLite rather than formatting values.
/// </summary>
internal sealed class SqliteRowBatch(int columns, int capacity)
{
    private const byte Null = 0, Text = 1, Blob = 2, Integer = 3, Real = 4;

    private readonly Cell[] _cells = new Cell[columns * capacity];
    private byte[] _bytes = new byte[capacity * 256];
    private int _used;

    public int Rows { get; private set; }

    public int Capacity => capacity;

    public void Add(BulkTable table, object row)
    {
        var start = Rows * columns;
        for (var c = 0; c < columns; c++)
        {
            _cells[start + c] = Encode(table.Columns[c].ProviderValue(row));
        }

        Rows++;
    }

    /// <summary>Binds row <paramref name="row"/> to the statement's parameters 1..columns.</summary>
    public void Bind(sqlite3_stmt statement, int row)
    {
        var start = row * columns;
        for (var c = 0; c < columns; c++)
        {
            var cell = _cells[start + c];
            var index = c + 1;
            var rc = cell.Kind switch
            {
                Null => raw.sqlite3_bind_null(statement, index),
                Integer => raw.sqlite3_bind_int64(statement, index, cell.Integer),
                Real => raw.sqlite3_bind_double(statement, index, BitConverter.Int64BitsToDouble(cell.Integer)),
                // An empty span pins to a null pointer, which SQLite would store as NULL.
                Text when cell.Length == 0 => raw.sqlite3_bind_text(statement, index, string.Empty),
                Text => raw.sqlite3_bind_text(statement, index, new ReadOnlySpan<byte>(_bytes, cell.Offset, cell.Length)),
                _ when cell.Length == 0 => raw.sqlite3_bind_zeroblob(statement, index, 0),
                _ => raw.sqlite3_bind_blob(statement, index, new ReadOnlySpan<byte>(_bytes, cell.Offset, cell.Length)),
            };
            if (rc != raw.SQLITE_OK)
            {
                throw new InvalidOperationException($"SQLite refused a bulk parameter ({rc}).");
            }
        }
    }

    private Cell Encode(object? value) => value switch
    {
        null => default,
        string text => Utf8(text),
        byte[] blob => Bytes(blob),
        bool flag => Number(flag ? 1 : 0),
        int number => Number(number),
        long number => Number(number),
        short number => Number(number),
        byte number => Number(number),
        double real => new Cell(Real, 0, 0, BitConverter.DoubleToInt64Bits(real)),
        float real => new Cell(Real, 0, 0, BitConverter.DoubleToInt64Bits(real)),
        DateTime time => Formatted(time, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF"),
        DateOnly date => Formatted(date, @"yyyy\-MM\-dd"),
        DateTimeOffset time => Formatted(time, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz"),
        decimal money => Formatted(money, "0.0###########################"),
        Guid id => GuidBytes(id),
        Enum e => Number(Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"The SQLite bulk path cannot bind a {value.GetType().Name}; add it to {nameof(SqliteRowBatch)}."),
    };

    private static Cell Number(long value) => new(Integer, 0, 0, value);

    private Cell Utf8(string text)
    {
        var span = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, span);
        return Commit(Text, length);
    }

    private Cell Bytes(byte[] blob)
    {
        blob.CopyTo(Reserve(blob.Length));
        return Commit(Blob, blob.Length);
    }

    private Cell GuidBytes(Guid id)
    {
        // Same byte order as Guid.ToByteArray, which is what Microsoft.Data.Sqlite stores.
        id.TryWriteBytes(Reserve(16));
        return Commit(Blob, 16);
    }

    private Cell Formatted<T>(T value, string format) where T : IUtf8SpanFormattable
    {
        var span = Reserve(64);
        if (!value.TryFormat(span, out var length, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"A {typeof(T).Name} did not fit its bulk encoding.");
        }

        return Commit(Text, length);
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_used + bytes > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + bytes));
        }

        return _bytes.AsSpan(_used, bytes);
    }

    private Cell Commit(byte kind, int length)
    {
        var cell = new Cell(kind, _used, length, 0);
        _used += length;
        return cell;
    }

    private readonly record struct Cell(byte Kind, int Offset, int Length, long Integer);
}
