namespace Vinculo.Ingestion.Jobs;

/// <summary>Where uploaded files and rejects live: &lt;root&gt;/&lt;job id&gt;/ (root: Vinculo:ImportsPath, default ./data/imports).</summary>
public sealed class ImportFiles(string root)
{
    public const string DefaultRoot = "./data/imports";

    public string Root { get; } = Path.GetFullPath(root);

    public string FolderFor(Guid jobId) => Path.Combine(Root, jobId.ToString("N"));

    public string RejectsPath(Guid jobId) => Path.Combine(FolderFor(jobId), "rejects.csv");

    /// <summary>Copies the upload into the job's folder; the original name keeps only its extension.</summary>
    public async Task<(string Path, long Bytes)> StoreAsync(Guid jobId, string fileName, Stream content, CancellationToken ct)
    {
        var folder = FolderFor(jobId);
        Directory.CreateDirectory(folder);
        var extension = Path.GetExtension(fileName);
        var path = Path.Combine(folder, "source" + (extension.Length is > 0 and <= 8 ? extension.ToLowerInvariant() : ".csv"));
        await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await content.CopyToAsync(target, ct);
        return (path, target.Length);
    }
}
