using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.Analytics;

public sealed record EventTypeCount(string Type, long Count);

public sealed record DashboardSummary(
    long Contacts,
    long Minors,
    long Organizations,
    long OrdersLast30Days,
    IReadOnlyList<EventTypeCount> EventsLast30DaysByType);

/// <summary>The headline figures of the dashboard for the current workspace. Each is one indexed aggregate.</summary>
public sealed class DashboardService(IDbContextFactory<VinculoDbContext> contexts, TimeProvider time)
{
    public const int RecentDays = 30;

    public async Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.Set<Workspace>().AsNoTracking().FirstAsync(w => w.Id == db.WorkspaceId, ct);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(workspace.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var latestAdultBirth = AgePolicy.LatestAdultBirthDate(AgePolicy.Today(time, zone), workspace.AgeOfMajority);
        var since = time.GetUtcNow().UtcDateTime.AddDays(-RecentDays);

        var live = db.Set<Contact>().Where(c => c.Status == ContactStatus.Active || c.Status == ContactStatus.Blocked);
        var contacts = await live.LongCountAsync(ct);
        var minors = await live.LongCountAsync(c => c.BirthDate > latestAdultBirth, ct);
        var organizations = await db.Set<Organization>().LongCountAsync(ct);
        var recentOrders = db.Set<Order>().Where(o => o.OrderedAt >= since && !o.IsCancelled);
        var orders = await recentOrders.LongCountAsync(ct);
        var events = await db.Set<Interaction>()
            .Where(i => i.OccurredAt >= since)
            .GroupBy(i => i.Type)
            .Select(g => new EventTypeCount(g.Key, g.LongCount()))
            .ToListAsync(ct);
        return new DashboardSummary(contacts, minors, organizations, orders,
            [.. events.OrderByDescending(e => e.Count).ThenBy(e => e.Type)]);
    }
}

public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddScoped<DashboardService>();
}
