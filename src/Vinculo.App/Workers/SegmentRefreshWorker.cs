using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Workers;

/// <summary>Settings under "Segments:Refresh".</summary>
public sealed class SegmentRefreshOptions
{
    /// <summary>Off in tests, which refresh explicitly.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often signals are drained and dirty segments refreshed.</summary>
    public int PollSeconds { get; set; } = 15;
    /// <summary>Segments with relative windows (last N days, age, birthday) are re-evaluated at least this often.</summary>
    public int ScheduleMinutes { get; set; } = 60;
}

/// <summary>
/// Keeps materialized segment membership current: on each tick it turns pending change signals into
/// dirty marks, then refreshes, per workspace, dirty segments and time-dependent ones past their schedule.
/// </summary>
public sealed class SegmentRefreshWorker(IServiceProvider services, SegmentSignals signals, IOptions<SegmentRefreshOptions> settings, ILogger<SegmentRefreshWorker> logger) : BackgroundService
{
    private readonly SegmentRefreshOptions options = settings.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds)));
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Segment refresh pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task TickAsync(CancellationToken ct)
    {
        var pending = signals.Drain().ToDictionary(s => s.WorkspaceId, s => s.Kinds);
        List<Guid> workspaces;
        await using (var db = services.GetRequiredService<VinculoDatabase>().OpenAll())
        {
            workspaces = await db.Set<Workspace>().Select(w => w.Id).ToListAsync(ct);
        }

        foreach (var workspaceId in workspaces)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = workspaceId;
            var refresher = scope.ServiceProvider.GetRequiredService<SegmentRefresher>();
            if (pending.TryGetValue(workspaceId, out var kinds))
            {
                await refresher.MarkDirtyAsync(kinds, ct);
            }

            foreach (var segmentId in await refresher.DueAsync(TimeSpan.FromMinutes(options.ScheduleMinutes), ct))
            {
                try
                {
                    var result = await refresher.RefreshAsync(segmentId, ct);
                    if (result.Entered + result.Exited > 0)
                    {
                        logger.LogInformation("Segment {Segment}: {Entered} entered, {Exited} exited, {Members} members", segmentId, result.Entered, result.Exited, result.Members);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One broken definition must not stop the others.
                    logger.LogWarning(e, "Segment {Segment} could not be refreshed", segmentId);
                }
            }
        }
    }
}

public static class SegmentRefreshWorkerRegistration
{
    /// <summary>The refresh worker; it idles when "Segments:Refresh:Enabled" is false (read when the host starts, so tests can set it late).</summary>
    public static IServiceCollection AddSegmentRefreshWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SegmentRefreshOptions>(configuration.GetSection("Segments:Refresh"));
        services.AddHostedService<SegmentRefreshWorker>();
        return services;
    }
}
