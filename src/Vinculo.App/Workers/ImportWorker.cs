using Vinculo.Ingestion.Import;
using Vinculo.Ingestion.Jobs;
using Vinculo.Storage;

namespace Vinculo.App.Workers;

/// <summary>
/// Runs queued import jobs one at a time: claims the oldest (or one a crashed worker left), binds the
/// job's workspace and runs it chunk by chunk. Off with Vinculo:Workers:Imports=false.
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, ImportJobQueue queue, ILogger<ImportWorker> log) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(2);

    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        if (!string.Equals(configuration["Vinculo:Workers:Imports"], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<ImportWorker>();
        }

        return services;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workerId = $"{Environment.MachineName}:{Environment.ProcessId}";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await queue.ClaimNextAsync(workerId, stoppingToken);
                if (claimed is not { } job)
                {
                    await Task.Delay(IdleDelay, stoppingToken);
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = job.WorkspaceId;
                var runner = scope.ServiceProvider.GetRequiredService<ImportRunner>();
                log.LogInformation("Import {JobId} started", job.JobId);
                var done = await runner.RunAsync(job.JobId, ct: stoppingToken);
                log.LogInformation("Import {JobId} {Status}: {Rows} rows, {Created} created, {Updated} updated, {Rejected} rejected",
                    job.JobId, done.Status, done.RowsDone, done.Created, done.Updated, done.Rejected);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the job keeps its checkpoint and is resumed by the next worker.
                break;
            }
            catch (Exception ex)
            {
                // A failed job is marked by the runner; a database not yet migrated just waits.
                log.LogWarning(ex, "Import worker: {Message}", ex.Message);
                await Task.Delay(IdleDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
