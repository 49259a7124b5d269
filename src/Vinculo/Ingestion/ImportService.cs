using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Ingestion.Import;
using Vinculo.Ingestion.Jobs;
using Vinculo.Ingestion.Mapping;
using Vinculo.Ingestion.Normalization;
using Vinculo.Ingestion.Readers;
using Vinculo.Storage;

namespace Vinculo.Ingestion;

/// <summary>What an upload found: the job it created, the file's headers and the mapping Vinculo proposes.</summary>
public sealed record ImportUpload(Guid JobId, string FileName, ImportTarget Target, IReadOnlyList<string> Headers, ColumnMapping SuggestedMapping, IReadOnlyList<string> UnmappedHeaders);

/// <summary>One cell of a preview: the text in the file and what normalization made of it.</summary>
public sealed record PreviewCell(string Header, string? Field, string Raw, string? Value, string? Error, string? Warning);

public sealed record PreviewRow(long Row, IReadOnlyList<PreviewCell> Cells, bool Rejected);

public sealed record ImportPreview(Guid JobId, ColumnMapping Mapping, IReadOnlyList<string> IgnoredHeaders, IReadOnlyList<PreviewRow> Rows);

/// <summary>A job's state and report, for the API, the CLI and the UI.</summary>
public sealed record ImportStatus(
    Guid JobId, string FileName, ImportTarget Target, ImportJobStatus Status, bool DryRun, long RowsDone, double Progress, double RowsPerSecond,
    long Created, long Updated, long Unchanged, long Merged, long Rejected, long Warnings, IReadOnlyList<string> IgnoredColumns,
    string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    public static ImportStatus From(ImportJob j) => new(
        j.Id, j.FileName, j.Target, j.Status, j.DryRun, j.RowsDone, j.Progress, j.RowsPerSecond, j.Created, j.Updated, j.Unchanged, j.Merged,
        j.Rejected, j.Warnings, JsonSerializer.Deserialize<string[]>(j.IgnoredColumns) ?? [], j.Error, j.CreatedAt, j.StartedAt, j.FinishedAt);
}

/// <summary>
/// The import workflow for API, CLI and UI: Upload → Preview (with a mapping) → DryRun and/or Start →
/// GetStatus → OpenRejects. Jobs run in the background worker (or inline via <see cref="ImportRunner"/>).
/// </summary>
public sealed class ImportService(IDbContextFactory<VinculoDbContext> contexts, NormalizationRules rules, ImportFiles files, TimeProvider clock)
{
    /// <summary>Stores the file and creates a job; the target is guessed from the headers when not given.</summary>
    public async Task<ImportUpload> UploadAsync(string fileName, Stream content, ImportTarget? target = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw new ValidationFailedException("file", "needs a name");
        }

        var job = new ImportJob { FileName = Path.GetFileName(fileName), StoredPath = "", CreatedAt = clock.GetUtcNow().UtcDateTime, Status = ImportJobStatus.Uploaded };
        var (path, bytes) = await files.StoreAsync(job.Id, job.FileName, content, ct);
        job.StoredPath = path;
        job.FileBytes = bytes;
        IReadOnlyList<string> headers;
        try
        {
            using var reader = ImportFormats.Default.Open(path);
            headers = reader.Headers;
        }
        catch (Exception ex) when (ex is not ValidationFailedException)
        {
            Directory.Delete(files.FolderFor(job.Id), recursive: true);
            throw new ValidationFailedException("file", "could not be read: " + ex.Message);
        }

        if (headers.Count == 0)
        {
            throw new ValidationFailedException("file", "has no header row");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var customFields = await db.Set<CustomFieldDefinition>().AsNoTracking().ToListAsync(ct);
        job.Target = target ?? GuessTarget(headers);
        var mapping = ColumnMapping.Suggest(job.Target, headers, customFields);
        job.Mapping = mapping.ToJson();
        db.Add(job);
        await db.SaveChangesAsync(ct);
        return new ImportUpload(job.Id, job.FileName, job.Target, headers, mapping, [.. mapping.Columns.Where(c => c.Field is null).Select(c => c.Header)]);
    }

    /// <summary>Orders when the headers name an order id and a SKU, events with an event type, else contacts.</summary>
    public static ImportTarget GuessTarget(IReadOnlyList<string> headers)
    {
        bool Has(ImportTarget t, string field) => headers.Any(h => ImportFields.Recognize(t, h) == field);
        if (Has(ImportTarget.Orders, "order_id") && Has(ImportTarget.Orders, "sku"))
        {
            return ImportTarget.Orders;
        }

        return Has(ImportTarget.Events, "event_type") && Has(ImportTarget.Events, "occurred_at") ? ImportTarget.Events : ImportTarget.Contacts;
    }

    /// <summary>The first <paramref name="rows"/> rows with the mapping (given, else the job's) applied, cell by cell.</summary>
    public async Task<ImportPreview> PreviewAsync(Guid jobId, ColumnMapping? mapping = null, int rows = 20, CancellationToken ct = default)
    {
        var job = await FindAsync(jobId, ct);
        mapping ??= ColumnMapping.FromJson(job.Mapping);
        Validate(mapping);
        var ruleSet = await rules.LoadAsync(ct);
        using var reader = ImportFormats.Default.Open(job.StoredPath);
        var bound = mapping.Bind(reader.Headers);
        var result = new List<PreviewRow>();
        while (result.Count < Math.Clamp(rows, 1, 500) && reader.Read())
        {
            var cells = new List<PreviewCell>(reader.Headers.Count);
            var rejected = false;
            for (var i = 0; i < reader.Headers.Count; i++)
            {
                var raw = reader.GetString(i);
                var field = bound.FieldsByColumn[i];
                if (field is null)
                {
                    cells.Add(new PreviewCell(reader.Headers[i], null, raw, null, null, null));
                    continue;
                }

                var cell = ruleSet.Apply(field, raw);
                rejected |= cell.IsRejected;
                cells.Add(new PreviewCell(reader.Headers[i], field, raw, cell.Value, cell.Error, cell.Warning));
            }

            result.Add(new PreviewRow(reader.RowNumber, cells, rejected));
        }

        return new ImportPreview(jobId, mapping, bound.IgnoredHeaders, result);
    }

    /// <summary>Queues a full validation with counts and rejects, writing nothing.</summary>
    public Task<ImportStatus> DryRunAsync(Guid jobId, ColumnMapping? mapping = null, string? mappingName = null, CancellationToken ct = default) =>
        QueueAsync(jobId, mapping, mappingName, dryRun: true, ct);

    /// <summary>Queues the import; the worker runs it. A finished dry run of the same job is reset first.</summary>
    public Task<ImportStatus> StartAsync(Guid jobId, ColumnMapping? mapping = null, string? mappingName = null, CancellationToken ct = default) =>
        QueueAsync(jobId, mapping, mappingName, dryRun: false, ct);

    public async Task<ImportStatus> GetStatusAsync(Guid jobId, CancellationToken ct = default) => ImportStatus.From(await FindAsync(jobId, ct));

    public async Task<IReadOnlyList<ImportStatus>> ListAsync(int take = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var jobs = await db.Set<ImportJob>().AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return [.. jobs.Select(ImportStatus.From)];
    }

    /// <summary>The rejects CSV (row, field, value, severity, reason) of a job that has run.</summary>
    public async Task<Stream> OpenRejectsAsync(Guid jobId, CancellationToken ct = default)
    {
        var job = await FindAsync(jobId, ct);
        var path = files.RejectsPath(job.Id);
        if (!File.Exists(path))
        {
            return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RejectsWriter.Header + "\r\n"));
        }

        // Only the committed part: a running chunk may be appending.
        return new Jobs.PrefixStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, useAsync: true), job.RejectsBytes);
    }

    /// <summary>Cancels a job that has not finished; rows already committed stay.</summary>
    public async Task<ImportStatus> CancelAsync(Guid jobId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.Set<ImportJob>().FirstOrDefaultAsync(j => j.Id == jobId, ct) ?? throw new NotFoundException("Import job", jobId);
        if (job.Status is ImportJobStatus.Uploaded or ImportJobStatus.Queued or ImportJobStatus.Failed)
        {
            job.Status = ImportJobStatus.Cancelled;
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return ImportStatus.From(job);
    }

    public async Task<IReadOnlyList<ImportMapping>> ListMappingsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<ImportMapping>().AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
    }

    public async Task<ColumnMapping> GetMappingAsync(string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var saved = await db.Set<ImportMapping>().AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct) ?? throw new NotFoundException("Import mapping", name);
        return ColumnMapping.FromJson(saved.Columns);
    }

    /// <summary>Saves (or replaces) a named mapping for files of the same shape.</summary>
    public async Task<ImportMapping> SaveMappingAsync(string name, ColumnMapping mapping, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new ValidationFailedException("name", "is required (at most 200 characters)");
        }

        Validate(mapping);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = await db.Set<ImportMapping>().FirstOrDefaultAsync(m => m.Name == name, ct);
        if (saved is null)
        {
            saved = new ImportMapping { Name = name.Trim(), CreatedAt = now };
            db.Add(saved);
        }

        saved.Target = mapping.Target;
        saved.Columns = mapping.ToJson();
        saved.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return saved;
    }

    private async Task<ImportStatus> QueueAsync(Guid jobId, ColumnMapping? mapping, string? mappingName, bool dryRun, CancellationToken ct)
    {
        if (mapping is null && mappingName is not null)
        {
            mapping = await GetMappingAsync(mappingName, ct);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.Set<ImportJob>().FirstOrDefaultAsync(j => j.Id == jobId, ct) ?? throw new NotFoundException("Import job", jobId);
        if (job.Status is ImportJobStatus.Queued or ImportJobStatus.Running)
        {
            throw new ConflictException("The import is already queued or running.");
        }

        if (job.Status == ImportJobStatus.Succeeded && !job.DryRun)
        {
            throw new ConflictException("The import has already run; upload the file again to re-run it.");
        }

        if (mapping is not null)
        {
            Validate(mapping);
            job.Mapping = mapping.ToJson();
            job.Target = mapping.Target;
            job.MappingName = mappingName;
        }

        // A fresh run, unless a failed real run is being resumed from its checkpoint.
        var resume = job.Status == ImportJobStatus.Failed && !job.DryRun && !dryRun && mapping is null;
        if (!resume)
        {
            job.Checkpoint = 0;
            job.RejectsBytes = 0;
            job.RowsDone = 0;
            job.Created = job.Updated = job.Unchanged = job.Merged = job.Rejected = job.Warnings = 0;
            job.Progress = 0;
            job.StartedAt = null;
            job.FinishedAt = null;
        }

        job.DryRun = dryRun;
        job.Status = ImportJobStatus.Queued;
        job.Error = null;
        job.HeartbeatAt = null;
        await db.SaveChangesAsync(ct);
        return ImportStatus.From(job);
    }

    private static void Validate(ColumnMapping mapping)
    {
        var errors = new ValidationErrors();
        foreach (var column in mapping.Columns)
        {
            if (column.Field is not null && !ImportFields.IsKnown(mapping.Target, column.Field))
            {
                errors.Add("mapping." + column.Header, $"'{column.Field}' is not a field of {mapping.Target}");
            }
        }

        foreach (var duplicate in mapping.Columns.Where(c => c.Field is not null).GroupBy(c => c.Field).Where(g => g.Count() > 1))
        {
            errors.Add("mapping." + duplicate.Key, "is mapped from more than one column");
        }

        errors.ThrowIfAny();
    }

    private async Task<ImportJob> FindAsync(Guid jobId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct) ?? throw new NotFoundException("Import job", jobId);
    }
}
