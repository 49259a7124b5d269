using Microsoft.EntityFrameworkCore;
using Quartz;
using Vinculo.Audit;
using Vinculo.Consent;
using Vinculo.Hygiene;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Workers;

/// <summary>
/// The daily data-care job on Quartz.NET: for every workspace, the age-out (minors who came of age)
/// and a hygiene run. Configuration: <c>Hygiene:Schedule:Enabled</c> (default true; tests set false),
/// <c>Hygiene:Schedule:Cron</c> (default 06:30 UTC, i.e. 00:30 in Mexico City), and the thresholds
/// <c>Hygiene:StaleAfterMonths</c>, <c>Hygiene:ReconfirmAfterMonths</c>.
/// </summary>
public static class HygieneSchedule
{
    public const string DefaultCron = "0 30 6 * * ?";

    public static IServiceCollection AddHygieneSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HygieneOptions>(configuration.GetSection("Hygiene"));
        if (!configuration.GetValue("Hygiene:Schedule:Enabled", true))
        {
            return services;
        }

        var cron = configuration["Hygiene:Schedule:Cron"] ?? DefaultCron;
        services.AddQuartz(q => q.ScheduleJob<DataCareJob>(
            trigger => trigger.WithIdentity("data-care").WithCronSchedule(cron, s => s.InTimeZone(TimeZoneInfo.Utc)),
            job => job.WithIdentity("data-care").DisallowConcurrentExecution(true)));
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}

/// <summary>Runs the age-out and hygiene for each workspace in its own scope; one failing workspace does not stop the others.</summary>
public sealed class DataCareJob(IServiceScopeFactory scopes, VinculoDatabase database, ILogger<DataCareJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        List<Guid> workspaces;
        await using (var db = database.OpenAll())
        {
            workspaces = await db.Set<Workspace>().Select(w => w.Id).ToListAsync(cancellationToken);
        }

        foreach (var workspaceId in workspaces)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = workspaceId;
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "system:data-care";
            try
            {
                var ageOut = await scope.ServiceProvider.GetRequiredService<AgeOutService>().RunAsync(cancellationToken);
                var hygiene = await scope.ServiceProvider.GetRequiredService<HygieneService>().RunAsync(cancellationToken);
                logger.LogInformation(
                    "Data care for workspace {Workspace}: {CameOfAge} came of age, hygiene run {Run} found {Findings} items",
                    workspaceId, ageOut.CameOfAge.Count, hygiene.RunId, hygiene.Counts.Values.Sum());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Data care failed for workspace {Workspace}", workspaceId);
            }
        }
    }
}
