using Vinculo.Audit;
using Vinculo.Ingestion.Identity;
using Vinculo.Storage;

namespace Vinculo.App.Workers;

/// <summary>
/// Runs queued duplicate-detection jobs one at a time: claims the oldest (or one a crashed worker left),
/// binds the job's workspace and runs it. Off with Vinculo:Workers:Identity=false.
/// </summary>
public sealed class IdentityWorker(IServiceScopeFactory scopes, DetectionJobQueue queue, ILogger<IdentityWorker> log) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(2);

    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        if (!string.Equals(configuration["Vinculo:Workers:Identity"], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<IdentityWorker>();
        }

        return services;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workerId = $"{Environment.MachineName}:{Environment.ProcessId}:identity";
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
                scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "system:identity";
                var jobs = scope.ServiceProvider.GetRequiredService<DetectionJobService>();
                log.LogInformation("Duplicate detection {JobId} started", job.JobId);
                var done = await jobs.RunAsync(job.JobId, workerId, ct: stoppingToken);
                log.LogInformation("Duplicate detection {JobId} {Status}: {Contacts} contacts, {Pairs} pairs, {New} new candidates, {Merged} merged",
                    job.JobId, done.Status, done.ContactsKeyed, done.CandidatePairs, done.NewCandidates, done.AutoMerged);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the job stays claimed and is taken over once its heartbeat is stale.
                break;
            }
            catch (Exception ex)
            {
                // A failed job is marked by the service; a database not yet migrated just waits.
                log.LogWarning(ex, "Identity worker: {Message}", ex.Message);
                await Task.Delay(IdleDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
