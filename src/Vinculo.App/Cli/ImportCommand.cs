using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Import;
using Vinculo.Ingestion.Jobs;
using Vinculo.Ingestion.Mapping;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Cli;

/// <summary>`vinculo import FILE --map NAME|auto [--workspace slug] [--target contacts|orders|events] [--dry-run]`: runs an import job here, with a progress bar.</summary>
public static class ImportCommand
{
    public static Command Create(string[] args)
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV, TXT or XLSX file to import" };
        var map = new Option<string>("--map") { Description = "Saved mapping name, or 'auto' to recognise the headers", DefaultValueFactory = _ => "auto" };
        var workspace = new Option<string?>("--workspace") { Description = "Workspace slug (default: the only one)" };
        var target = new Option<ImportTarget?>("--target") { Description = "contacts, orders or events (default: guessed from the headers)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and count only; write nothing" };
        var command = new Command("import", "Import contacts, orders or events from a file") { file, map, workspace, target, dryRun };
        command.SetAction((parse, ct) => RunAsync(args, parse.GetValue(file)!, parse.GetValue(map)!, parse.GetValue(workspace), parse.GetValue(target), parse.GetValue(dryRun), ct));
        return command;
    }

    private static async Task<int> RunAsync(string[] args, FileInfo file, string map, string? workspaceSlug, ImportTarget? target, bool dryRun, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"No such file: {file.FullName}");
            return 2;
        }

        var configuration = WebHost.BuildConfiguration(args);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVinculoStorage(configuration);
        services.AddVinculoCore();
        await using var provider = services.BuildServiceProvider();
        var database = provider.GetRequiredService<VinculoDatabase>();
        await database.MigrateAsync(ct);

        var workspaceId = await ResolveWorkspaceAsync(database, workspaceSlug, ct);
        if (workspaceId is null)
        {
            return 2;
        }

        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = workspaceId.Value;
        var service = scope.ServiceProvider.GetRequiredService<ImportService>();
        ImportUpload upload;
        await using (var stream = file.OpenRead())
        {
            upload = await service.UploadAsync(file.Name, stream, target, ct);
        }

        ColumnMapping? mapping = null;
        string? mappingName = null;
        if (!string.Equals(map, "auto", StringComparison.OrdinalIgnoreCase))
        {
            mappingName = map;
            mapping = await service.GetMappingAsync(map, ct);
        }

        var shown = mapping ?? upload.SuggestedMapping;
        Console.WriteLine($"{upload.FileName}: {shown.Target}, {shown.Columns.Count(c => c.Field is not null)} of {upload.Headers.Count} columns mapped");
        foreach (var column in shown.Columns)
        {
            Console.WriteLine($"  {column.Header,-32} → {column.Field ?? "(ignored)"}");
        }

        _ = dryRun ? await service.DryRunAsync(upload.JobId, mapping, mappingName, ct) : await service.StartAsync(upload.JobId, mapping, mappingName, ct);
        await scope.ServiceProvider.GetRequiredService<ImportJobQueue>().ClaimAsync(upload.JobId, $"cli:{Environment.ProcessId}", ct);
        var runner = scope.ServiceProvider.GetRequiredService<ImportRunner>();
        var bar = new ProgressBar();
        var job = await runner.RunAsync(upload.JobId, bar, ct);
        bar.Finish(job);

        var status = await service.GetStatusAsync(upload.JobId, ct);
        Console.WriteLine(dryRun ? "Dry run (nothing written):" : "Import report:");
        Console.WriteLine($"  rows       {status.RowsDone,12:N0}");
        Console.WriteLine($"  created    {status.Created,12:N0}");
        Console.WriteLine($"  updated    {status.Updated,12:N0}");
        Console.WriteLine($"  unchanged  {status.Unchanged,12:N0}");
        Console.WriteLine($"  merged     {status.Merged,12:N0}");
        Console.WriteLine($"  rejected   {status.Rejected,12:N0}");
        Console.WriteLine($"  warnings   {status.Warnings,12:N0}");
        Console.WriteLine($"  rows/s     {status.RowsPerSecond,12:N0}");
        if (status.IgnoredColumns.Count > 0)
        {
            Console.WriteLine($"  ignored columns: {string.Join(", ", status.IgnoredColumns)}");
        }

        var files = scope.ServiceProvider.GetRequiredService<ImportFiles>();
        if (status.Rejected + status.Warnings > 0)
        {
            Console.WriteLine($"  rejects: {files.RejectsPath(upload.JobId)}");
        }

        Console.WriteLine($"  job: {upload.JobId}");
        return status.Status == ImportJobStatus.Succeeded ? 0 : 1;
    }

    private static async Task<Guid?> ResolveWorkspaceAsync(VinculoDatabase database, string? slug, CancellationToken ct)
    {
        await using var db = database.OpenAll();
        if (slug is not null)
        {
            var found = await db.Set<Workspace>().Where(w => w.Slug == slug).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
            if (found is null)
            {
                await Console.Error.WriteLineAsync($"No workspace '{slug}'.");
            }

            return found;
        }

        var all = await db.Set<Workspace>().Select(w => new { w.Id, w.Slug }).Take(2).ToListAsync(ct);
        if (all.Count == 1)
        {
            return all[0].Id;
        }

        if (all.Count > 1)
        {
            await Console.Error.WriteLineAsync("Several workspaces: name one with --workspace SLUG.");
            return null;
        }

        // A fresh install: imports need somewhere to go.
        var workspace = new Workspace { Name = "Vinculo", Slug = "default", CreatedAt = DateTime.UtcNow };
        db.Add(workspace);
        await db.SaveChangesAsync(ct);
        Console.WriteLine("Created workspace 'default'.");
        return workspace.Id;
    }

    /// <summary>One line redrawn in place: [#####-----]  45.2%  123,456 rows  51,234 rows/s.</summary>
    private sealed class ProgressBar : IProgress<ImportJob>
    {
        private const int Width = 30;
        private readonly bool _redraw = !Console.IsOutputRedirected;
        private DateTime _lastPrinted;

        public void Report(ImportJob value)
        {
            var now = DateTime.UtcNow;
            if (!_redraw && now - _lastPrinted < TimeSpan.FromSeconds(5))
            {
                return;
            }

            _lastPrinted = now;
            var filled = (int)Math.Round(Math.Clamp(value.Progress, 0, 1) * Width);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"[{new string('#', filled)}{new string('-', Width - filled)}] {value.Progress * 100,5:0.0}%  {value.RowsDone,12:N0} rows  {value.RowsPerSecond,10:N0} rows/s");
            if (_redraw)
            {
                Console.Write("\r" + line);
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        public void Finish(ImportJob job)
        {
            Report(job);
            if (_redraw)
            {
                Console.WriteLine();
            }
        }
    }
}
