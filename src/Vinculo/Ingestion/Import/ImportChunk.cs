using Vinculo.Ingestion.Jobs;
using Vinculo.Ingestion.Mapping;
using Vinculo.Ingestion.Normalization;

namespace Vinculo.Ingestion.Import;

/// <summary>One data row as read: its file row number and the text of every column.</summary>
public sealed record SourceRow(long Number, string[] Cells);

/// <summary>What one chunk did; added to the job's totals in the chunk's transaction.</summary>
public sealed class ChunkCounts
{
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Merged { get; set; }
    public long Rejected { get; set; }
    public long Warnings { get; set; }
    public List<RowIssue> Issues { get; } = [];

    public long Rows => Created + Updated + Unchanged + Merged + Rejected;
}

/// <summary>
/// A row's mapped, normalized values: the per-field results of the workspace rules, with the
/// row's errors and warnings collected for the rejects file.
/// </summary>
public sealed class NormalizedRow
{
    private readonly string?[] _values;

    internal NormalizedRow(SourceRow source, int fieldCount)
    {
        Source = source;
        Number = source.Number;
        _values = new string?[fieldCount];
    }

    public long Number { get; }

    /// <summary>The row as read, for targets that keep unmapped columns (events).</summary>
    public SourceRow Source { get; }

    public List<RowIssue>? Issues { get; private set; }

    public bool HasError { get; private set; }

    public string? this[int fieldSlot] => fieldSlot < 0 ? null : _values[fieldSlot];

    internal void Set(int slot, string? value) => _values[slot] = value;

    public void AddIssue(string field, string? value, string reason, bool warning)
    {
        (Issues ??= []).Add(new RowIssue(Number, field, value, reason, warning));
        HasError |= !warning;
    }
}

/// <summary>Normalizes rows through a bound mapping: each mapped field gets a slot; slots are looked up once per field.</summary>
public sealed class RowNormalizer
{
    private readonly FieldRuleSet _rules;
    private readonly int[] _columnOfSlot;
    private readonly string[] _fieldOfSlot;
    private readonly Dictionary<string, int> _slotOfField = new(StringComparer.Ordinal);

    public RowNormalizer(BoundMapping mapping, FieldRuleSet rules)
    {
        _rules = rules;
        Mapping = mapping;
        var columns = new List<int>();
        var fields = new List<string>();
        for (var i = 0; i < mapping.FieldsByColumn.Count; i++)
        {
            if (mapping.FieldsByColumn[i] is { } field && _slotOfField.TryAdd(field, fields.Count))
            {
                columns.Add(i);
                fields.Add(field);
            }
        }

        _columnOfSlot = [.. columns];
        _fieldOfSlot = [.. fields];
    }

    public BoundMapping Mapping { get; }

    public IReadOnlyList<string> Fields => _fieldOfSlot;

    /// <summary>The slot of a field, or -1 when the file does not map it (indexing with -1 gives null).</summary>
    public int Slot(string field) => _slotOfField.GetValueOrDefault(field, -1);

    public NormalizedRow Normalize(SourceRow row)
    {
        var result = new NormalizedRow(row, _fieldOfSlot.Length);
        for (var slot = 0; slot < _fieldOfSlot.Length; slot++)
        {
            var column = _columnOfSlot[slot];
            var raw = column < row.Cells.Length ? row.Cells[column] : null;
            var cell = _rules.Apply(_fieldOfSlot[slot], raw);
            if (cell.Error is not null)
            {
                result.AddIssue(_fieldOfSlot[slot], raw, cell.Error, warning: false);
                continue;
            }

            if (cell.Warning is not null)
            {
                result.AddIssue(_fieldOfSlot[slot], raw, cell.Warning, warning: true);
            }

            result.Set(slot, cell.Value);
        }

        return result;
    }

    /// <summary>Normalizes a chunk, in parallel for big chunks: the rules are pure functions.</summary>
    public NormalizedRow[] NormalizeAll(IReadOnlyList<SourceRow> rows)
    {
        var result = new NormalizedRow[rows.Count];
        if (rows.Count < 2000)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                result[i] = Normalize(rows[i]);
            }
        }
        else
        {
            Parallel.For(0, rows.Count, i => result[i] = Normalize(rows[i]));
        }

        return result;
    }

    /// <summary>Collects the row's issues into the chunk counts; true when the row is rejected.</summary>
    public static bool Report(NormalizedRow row, ChunkCounts counts)
    {
        if (row.Issues is { } issues)
        {
            counts.Issues.AddRange(issues);
            counts.Warnings += issues.Count(i => i.IsWarning);
        }

        if (row.HasError)
        {
            counts.Rejected++;
            return true;
        }

        return false;
    }
}

/// <summary>Writes one target's rows: contacts, order lines or events. Import targets are an extension point too.</summary>
public interface IRowImporter
{
    /// <summary>Orders keep lines of one order in one chunk: the field whose value must not change inside a group.</summary>
    string? GroupField { get; }

    /// <summary>CPU-only work on a chunk that needs no database (parsing, folding); runs on the read-ahead thread and reaches <see cref="ImportAsync"/> as <see cref="ChunkContext.Prepared"/>.</summary>
    object? Prepare(RowNormalizer normalizer, IReadOnlyList<NormalizedRow> rows) => null;

    /// <summary>Looks up existing keys for the whole chunk, then writes set-based through <paramref name="session"/>; with a null session it only counts.</summary>
    Task<ChunkCounts> ImportAsync(ChunkContext context, IReadOnlyList<NormalizedRow> rows, CancellationToken ct);
}

/// <summary>What an importer needs for one chunk: the open context, the bulk session (null in a dry run), the clock.</summary>
public sealed record ChunkContext(Storage.VinculoDbContext Db, Storage.Bulk.BulkSession? Session, RowNormalizer Rows, FieldRuleSet Rules, DateTime Now)
{
    /// <summary>What the importer's Prepare returned for this chunk, if anything.</summary>
    public object? Prepared { get; init; }

    /// <summary>The runner's clock, for rules that depend on today (ages).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public bool DryRun => Session is null;
}
