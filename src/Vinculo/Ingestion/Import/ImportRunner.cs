using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Ingestion.Jobs;
using Vinculo.Ingestion.Mapping;
using Vinculo.Ingestion.Normalization;
using Vinculo.Ingestion.Readers;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;

namespace Vinculo.Ingestion.Import;

/// <summary>
/// Runs one import job chunk by chunk. Each chunk's rows, the job's counts and its checkpoint commit in
/// one transaction, and the rejects file is cut back to the committed length on start, so a run that
/// dies anywhere resumes after the last committed chunk with nothing written twice.
/// </summary>
public sealed class ImportRunner(IDbContextFactory<VinculoDbContext> contexts, NormalizationRules rules, ImportFiles files, TimeProvider clock)
{
    // Each chunk's commit writes every index page it touched; at a million contacts a bigger chunk
    // touches each page for more rows, which cut the write volume several times over.
    public const int DefaultChunkSize = 20_000;

    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>Called after each committed chunk with its 0-based index in this run (tests use it to simulate a crash).</summary>
    public Func<int, Task>? AfterChunkCommitted { get; set; }

    public static IRowImporter ImporterFor(ImportTarget target) => target switch
    {
        ImportTarget.Orders => new OrderImporter(),
        ImportTarget.Events => new EventImporter(),
        _ => new ContactImporter(),
    };

    public async Task<ImportJob> RunAsync(Guid jobId, IProgress<ImportJob>? progress = null, CancellationToken ct = default)
    {
        ImportJob job;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            job = await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct) ?? throw new NotFoundException("Import job", jobId);
        }

        if (job.Status is ImportJobStatus.Succeeded or ImportJobStatus.Cancelled or ImportJobStatus.Uploaded)
        {
            return job;
        }

        try
        {
            await RunChunksAsync(job, progress, ct);
            return job;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Counts and checkpoint stay as last committed; a later run resumes from there.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.Set<ImportJob>().Where(j => j.Id == jobId).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Status, ImportJobStatus.Failed).SetProperty(j => j.Error, Truncate(ex.Message, 2000)), CancellationToken.None);
            throw;
        }
    }

    private async Task RunChunksAsync(ImportJob job, IProgress<ImportJob>? progress, CancellationToken ct)
    {
        var mapping = ColumnMapping.FromJson(job.Mapping);
        var ruleSet = await rules.LoadAsync(ct);
        using var reader = ImportFormats.Default.Open(job.StoredPath);
        var bound = mapping.Bind(reader.Headers);
        var normalizer = new RowNormalizer(bound, ruleSet);
        var importer = ImporterFor(job.Target);
        var groupColumn = importer.GroupField is { } groupField ? bound.IndexOf(groupField) : -1;
        using var rejects = new RejectsWriter(files.RejectsPath(job.Id), job.RejectsBytes);

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.Attach(job);
            job.Status = ImportJobStatus.Running;
            job.Error = null;
            job.StartedAt ??= clock.GetUtcNow().UtcDateTime;
            job.HeartbeatAt = clock.GetUtcNow().UtcDateTime;
            job.IgnoredColumns = JsonSerializer.Serialize(bound.IgnoredHeaders);
            await db.SaveChangesAsync(ct);
        }

        while (reader.RowNumber < job.Checkpoint && reader.Read())
        {
            // Rows up to the checkpoint were committed by an earlier run.
        }

        var watch = Stopwatch.StartNew();
        long rowsThisRun = 0;
        var source = new ChunkSource(reader, groupColumn, ChunkSize, normalizer, importer);
        var chunkIndex = 0;
        // The next chunk is read and normalized while this one is written: the two use different cores.
        var next = Task.Run(source.Next, ct);
        try
        {
            while (true)
            {
                var (chunk, normalized, prepared, readProgress) = await next;
                if (chunk.Count == 0)
                {
                    break;
                }

                next = Task.Run(source.Next, ct);
                await using (var db = await contexts.CreateDbContextAsync(ct))
                {
                    var session = job.DryRun ? null : await BulkSession.BeginAsync(db, ct);
                    try
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        var counts = await importer.ImportAsync(new ChunkContext(db, session, normalizer, ruleSet, now) { Prepared = prepared, Clock = clock }, normalized, ct);
                        var rejectsBytes = rejects.Append(counts.Issues);
                        if (job.DryRun)
                        {
                            db.ChangeTracker.Clear();
                        }

                        rowsThisRun += chunk.Count;
                        db.Attach(job);
                        job.Created += counts.Created;
                        job.Updated += counts.Updated;
                        job.Unchanged += counts.Unchanged;
                        job.Merged += counts.Merged;
                        job.Rejected += counts.Rejected;
                        job.Warnings += counts.Warnings;
                        job.RowsDone += chunk.Count;
                        job.Checkpoint = chunk[^1].Number;
                        job.RejectsBytes = rejectsBytes;
                        job.Progress = Math.Round(readProgress, 4);
                        job.RowsPerSecond = Math.Round(rowsThisRun / Math.Max(0.001, watch.Elapsed.TotalSeconds), 1);
                        job.HeartbeatAt = now;
                        if (!job.DryRun && counts.Created + counts.Updated + counts.Merged > 0)
                        {
                            // In the database, not in memory: the CLI imports in another process than the refresh worker.
                            await Segments.SegmentRefresher.MarkDirtyAsync(db, Segments.SegmentSignals.KindsOfImport(job.Target), ct);
                        }

                        await db.SaveChangesAsync(ct);
                        if (session is not null)
                        {
                            await session.CommitAsync(ct);
                        }
                    }
                    finally
                    {
                        if (session is not null)
                        {
                            await session.DisposeAsync();
                        }
                    }
                }

                progress?.Report(job);
                if (AfterChunkCommitted is { } hook)
                {
                    await hook(chunkIndex);
                }

                chunkIndex++;
            }
        }
        finally
        {
            // The reader is disposed after this: let a read-ahead in flight finish first.
            try
            {
                await next;
            }
            catch (Exception)
            {
                // Already failing or cancelled; the read-ahead's own error adds nothing.
            }
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.Attach(job);
            job.Status = ImportJobStatus.Succeeded;
            job.Progress = 1;
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        progress?.Report(job);
    }

    /// <summary>Reads chunks of up to ChunkSize rows; with a group column a chunk runs on to the end of its last row's group.</summary>
    private sealed class ChunkSource(ITabularReader reader, int groupColumn, int chunkSize, RowNormalizer normalizer, IRowImporter importer)
    {
        private SourceRow? _pending;

        public (List<SourceRow> Rows, NormalizedRow[] Normalized, object? Prepared, double Progress) Next()
        {
            var chunk = new List<SourceRow>(Math.Min(chunkSize, 65536));
            if (_pending is not null)
            {
                chunk.Add(_pending);
                _pending = null;
            }

            var width = reader.Headers.Count;
            while (reader.Read())
            {
                var cells = new string[width];
                for (var i = 0; i < width; i++)
                {
                    cells[i] = reader.GetString(i);
                }

                var row = new SourceRow(reader.RowNumber, cells);
                if (chunk.Count >= chunkSize && (groupColumn < 0 || chunk[^1].Cells[groupColumn] != cells[groupColumn]))
                {
                    _pending = row;
                    break;
                }

                chunk.Add(row);
                if (chunk.Count >= chunkSize && groupColumn < 0)
                {
                    break;
                }
            }

            var normalized = normalizer.NormalizeAll(chunk);
            return (chunk, normalized, chunk.Count == 0 ? null : importer.Prepare(normalizer, normalized), reader.Progress);
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
