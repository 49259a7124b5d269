using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Ingestion.Readers;
using Vinculo.Privacy;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Jobs;

/// <summary>
/// Erasure in the kept import files (uploads and rejects under Vinculo:ImportsPath). Lines that name the
/// person (a cell equal to one of their emails, phones or external ids; in rejects also the lines of
/// those rows) are blanked in place: every byte becomes a space except the delimiters, so the file keeps
/// its length, its row count and row numbers, and a job still running or resumed later reads consistent
/// offsets and checkpoints. XLSX and UTF-16 files cannot be blanked in place: a matching one is deleted,
/// and a job that had not finished with it is failed. Runs before the core tables are cleared (it needs
/// the identifiers); files are not transactional, so a failed erasure leaves them already cleaned.
/// </summary>
public sealed class ImportFilesEraser(ImportFiles files) : IPersonalDataEraser
{
    public const string RemovedByErasure = "The uploaded file was removed by a personal-data erasure request.";

    public Task EraseAsync(VinculoDbContext db, Guid contactId, CancellationToken ct) => Task.CompletedTask;

    public async Task BeforeCoreErasureAsync(VinculoDbContext db, IReadOnlyList<Guid> contactIds, CancellationToken ct)
    {
        var ids = contactIds.ToList();
        var identity = new PersonIdentifiers(
            await db.Set<ContactEmail>().Where(e => ids.Contains(e.ContactId)).Select(e => e.Address).ToListAsync(ct),
            await db.Set<ContactPhone>().Where(p => ids.Contains(p.ContactId)).Select(p => p.Number).ToListAsync(ct),
            await db.Set<Contact>().Where(c => ids.Contains(c.Id) && c.ExternalId != null).Select(c => c.ExternalId!).ToListAsync(ct));
        if (identity.IsEmpty)
        {
            return;
        }

        var jobs = await db.Set<ImportJob>().Select(j => new { j.Id, j.StoredPath, j.Status }).ToListAsync(ct);
        foreach (var job in jobs)
        {
            ct.ThrowIfCancellationRequested();
            var rows = new HashSet<long>();
            if (File.Exists(job.StoredPath) && !ScrubUpload(job.StoredPath, identity, rows))
            {
                File.Delete(job.StoredPath);
                if (job.Status is ImportJobStatus.Uploaded or ImportJobStatus.Queued or ImportJobStatus.Running)
                {
                    await db.Set<ImportJob>().Where(j => j.Id == job.Id).ExecuteUpdateAsync(
                        s => s.SetProperty(j => j.Status, ImportJobStatus.Failed).SetProperty(j => j.Error, RemovedByErasure), ct);
                }
            }

            var rejects = files.RejectsPath(job.Id);
            if (File.Exists(rejects))
            {
                // Rejects name the row first; the value may be the person's mistyped email, so the whole row goes.
                CsvBlanker.Blank(rejects, new UTF8Encoding(false), ',', cells =>
                    (long.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var row) && rows.Contains(row)) || identity.Matches(cells));
            }
        }
    }

    /// <summary>Blanks the person's rows of an upload and collects their row numbers; false when the file cannot be blanked and must go.</summary>
    private static bool ScrubUpload(string path, PersonIdentifiers identity, HashSet<long> rows)
    {
        var head = new byte[1 << 16];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var format = ImportFormats.Default.For(path, head.AsSpan(0, Math.Min(read, 8)));
        if (format is not CsvFormat)
        {
            return !ContainsPerson(path, identity, rows);
        }

        var encoding = CsvFormat.DetectEncoding(head.AsSpan(0, read));
        if (encoding.GetByteCount("\n") != 1)
        {
            return !ContainsPerson(path, identity, rows);
        }

        var delimiter = CsvFormat.SniffDelimiter(encoding.GetString(head, 0, read));
        rows.UnionWith(CsvBlanker.Blank(path, encoding, delimiter, identity.Matches));
        return true;
    }

    /// <summary>Reads a file that cannot be blanked; true (with the rows) when the person is in it.</summary>
    private static bool ContainsPerson(string path, PersonIdentifiers identity, HashSet<long> rows)
    {
        using var reader = ImportFormats.Default.Open(path);
        var cells = new string[reader.Headers.Count];
        while (reader.Read())
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
            }

            if (identity.Matches(cells))
            {
                rows.Add(reader.RowNumber);
            }
        }

        return rows.Count > 0;
    }
}

/// <summary>What finds a person in a file: their emails (any case), phones (the last ten digits) and external ids.</summary>
internal sealed class PersonIdentifiers
{
    private readonly HashSet<string> _emails;
    private readonly List<string> _phoneDigits;
    private readonly HashSet<string> _externalIds;

    public PersonIdentifiers(IEnumerable<string> emails, IEnumerable<string> phones, IEnumerable<string> externalIds)
    {
        _emails = new HashSet<string>(emails.Select(e => e.Trim()), StringComparer.OrdinalIgnoreCase);
        _phoneDigits = [.. phones.Select(Digits).Where(d => d.Length >= 8).Distinct()];
        _externalIds = new HashSet<string>(externalIds.Select(x => x.Trim()).Where(x => x.Length > 0), StringComparer.OrdinalIgnoreCase);
    }

    public bool IsEmpty => _emails.Count == 0 && _phoneDigits.Count == 0 && _externalIds.Count == 0;

    public bool Matches(IReadOnlyList<string> cells)
    {
        foreach (var raw in cells)
        {
            var cell = raw.Trim();
            if (cell.Length == 0)
            {
                continue;
            }

            if (_emails.Contains(cell) || _externalIds.Contains(cell))
            {
                return true;
            }

            var digits = Digits(cell);
            // A phone as people write it: 8+ digits that are most of the cell ("55 1234 5678", "+52 (55) 1234-5678").
            if (digits.Length >= 8 && digits.Length * 2 >= cell.Length)
            {
                foreach (var phone in _phoneDigits)
                {
                    var n = Math.Min(10, Math.Min(phone.Length, digits.Length));
                    if (digits.AsSpan(digits.Length - n).SequenceEqual(phone.AsSpan(phone.Length - n)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));
}

/// <summary>Blanks whole CSV records in place, streaming, for encodings where ASCII bytes are themselves (UTF-8, Windows-1252).</summary>
internal static class CsvBlanker
{
    private const int MaxRecordBytes = 1 << 22;

    /// <summary>Blanks the data records (not the header) whose cells match; returns their row numbers (header = 1).</summary>
    public static List<long> Blank(string path, Encoding encoding, char delimiter, Func<IReadOnlyList<string>, bool> matches)
    {
        var hits = new List<(long Offset, byte[] Blank)>();
        var rows = new List<long>();
        var record = new List<byte>(256);
        var separator = (byte)delimiter;
        long row = 0, offset = 0, recordStart = 0;
        var inQuotes = false;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                for (var i = 0; i < read; i++, offset++)
                {
                    var b = buffer[i];
                    if (b == (byte)'"')
                    {
                        inQuotes = !inQuotes;
                    }

                    if (b == (byte)'\n' && !inQuotes)
                    {
                        EndRecord();
                        recordStart = offset + 1;
                        continue;
                    }

                    if (record.Count < MaxRecordBytes)
                    {
                        record.Add(b);
                    }
                }
            }

            EndRecord();
        }

        if (hits.Count > 0)
        {
            using var write = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            foreach (var (at, blank) in hits)
            {
                write.Position = at;
                write.Write(blank);
            }

            write.Flush(flushToDisk: true);
        }

        return rows;

        void EndRecord()
        {
            var bytes = record.ToArray();
            record.Clear();
            var length = bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes.Length - 1 : bytes.Length;
            if (length == 0)
            {
                return;
            }

            row++;
            if (row == 1)
            {
                return;
            }

            var cells = Split(encoding.GetString(bytes, 0, length), delimiter);
            if (matches(cells))
            {
                rows.Add(row);
                hits.Add((recordStart, BlankOf(bytes.AsSpan(0, length), separator)));
            }
        }
    }

    /// <summary>Spaces for every byte but the delimiters outside quotes, so the record keeps its cells and length.</summary>
    private static byte[] BlankOf(ReadOnlySpan<byte> record, byte separator)
    {
        var blank = new byte[record.Length];
        var inQuotes = false;
        for (var i = 0; i < record.Length; i++)
        {
            if (record[i] == (byte)'"')
            {
                inQuotes = !inQuotes;
            }

            blank[i] = record[i] == separator && !inQuotes ? separator : (byte)' ';
        }

        return blank;
    }

    private static List<string> Split(string record, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (c == '"')
            {
                if (inQuotes && i + 1 < record.Length && record[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = !inQuotes;
                }
            }
            else if (c == delimiter && !inQuotes)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        cells[0] = cells[0].TrimStart('\uFEFF');
        return cells;
    }
}
