using System.Text;
using Microsoft.Extensions.Time.Testing;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Import;
using Vinculo.Ingestion.Jobs;
using Vinculo.Ingestion.Normalization;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Ingestion;

/// <summary>The real import services over a test database, with files in a temp folder.</summary>
internal sealed class ImportHarness : IAsyncDisposable
{
    private ImportHarness(TestDatabase database, string folder)
    {
        Database = database;
        Folder = folder;
        var scope = new WorkspaceScope { WorkspaceId = database.Workspace.Id };
        Contexts = new ScopedDbContextFactory(database.Database, scope);
        Files = new ImportFiles(Path.Combine(folder, "imports"));
        Rules = new NormalizationRules(Contexts);
        Service = new ImportService(Contexts, Rules, Files, Clock);
    }

    public TestDatabase Database { get; }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public ScopedDbContextFactory Contexts { get; }

    public ImportFiles Files { get; }

    public NormalizationRules Rules { get; }

    public ImportService Service { get; }

    public static async Task<ImportHarness> CreateAsync(StorageProvider provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vinculo-import-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new ImportHarness(await TestDatabase.CreateAsync(provider), folder);
    }

    public ImportRunner Runner(int chunkSize = 3) => new(Contexts, Rules, Files, Clock) { ChunkSize = chunkSize };

    public async Task<ImportUpload> UploadAsync(string fileName, string content, Encoding? encoding = null)
    {
        using var stream = new MemoryStream((encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return await Service.UploadAsync(fileName, stream);
    }

    /// <summary>Upload, start and run inline (as the worker would); returns the final status.</summary>
    public async Task<ImportStatus> ImportAsync(string fileName, string content, int chunkSize = 3, bool dryRun = false)
    {
        var upload = await UploadAsync(fileName, content);
        if (dryRun)
        {
            await Service.DryRunAsync(upload.JobId);
        }
        else
        {
            await Service.StartAsync(upload.JobId);
        }

        await Runner(chunkSize).RunAsync(upload.JobId);
        return await Service.GetStatusAsync(upload.JobId);
    }

    public async Task<string> RejectsAsync(Guid jobId)
    {
        await using var stream = await Service.OpenRejectsAsync(jobId);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
