using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Segments;
using Vinculo.Segments.Compilation;
using Vinculo.Storage;

namespace Vinculo.Analytics;

/// <summary>
/// One stage's contacts and spend with their shares of the workspace's; <paramref name="Orders"/> is the stage's
/// non-cancelled order count and <paramref name="AverageDaysSinceLastPurchase"/> its mean recency (null for prospects or an empty stage).
/// </summary>
public sealed record LifecycleCluster(LifecycleStage Stage, long Contacts, decimal Spent, double ContactShare, double SpendShare,
    long Orders = 0, double? AverageDaysSinceLastPurchase = null)
{
    public double AverageOrders => Contacts == 0 ? 0 : (double)Orders / Contacts;
}

public sealed record RfmSummary(DateTime AsOf, RfmThresholds Thresholds, long Contacts, decimal Spent, IReadOnlyList<LifecycleCluster> Clusters);

/// <summary>
/// Lifecycle clusters (prospect, new, loyal, at risk, lost) from recency, frequency and spend of
/// non-cancelled orders, computed in one grouped query. The segment condition "lifecycle" uses the
/// same SQL (<see cref="RfmSql"/>), so a cluster here and a segment on it always agree.
/// </summary>
public sealed class RfmService(IDbContextFactory<VinculoDbContext> factory, TimeProvider time, Audit.AuditActor? actor = null)
{
    public async Task<RfmThresholds> GetThresholdsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<RfmThresholds>().AsNoTracking().SingleOrDefaultAsync(ct)
            ?? new RfmThresholds { WorkspaceId = db.WorkspaceId!.Value };
    }

    public async Task<RfmThresholds> SaveThresholdsAsync(RfmThresholds thresholds, CancellationToken ct = default)
    {
        thresholds.Validate();
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Set<RfmThresholds>().SingleOrDefaultAsync(ct);
        if (row is null)
        {
            row = new RfmThresholds();
            db.Add(row);
        }

        var changed = row.AtRiskAfterDays != thresholds.AtRiskAfterDays || row.LostAfterDays != thresholds.LostAfterDays
            || row.LoyalMinOrders != thresholds.LoyalMinOrders || row.LoyalMinSpent != thresholds.LoyalMinSpent
            || db.Entry(row).State == EntityState.Added;
        row.AtRiskAfterDays = thresholds.AtRiskAfterDays;
        row.LostAfterDays = thresholds.LostAfterDays;
        row.LoyalMinOrders = thresholds.LoyalMinOrders;
        row.LoyalMinSpent = thresholds.LoyalMinSpent;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await Audit.AuditedSave.SaveChangesAuditedAsync(db, actor, time, new Audit.AuditEvent(Audit.AuditActions.RfmThresholdsSaved, null, nameof(RfmThresholds), null,
            new { row.AtRiskAfterDays, row.LostAfterDays, row.LoyalMinOrders, row.LoyalMinSpent }), ct);
        if (changed)
        {
            // Lifecycle segments classify against the thresholds, so they must be re-evaluated. Marked in the
            // database (not an in-memory signal) so the mark also reaches a server's refresh worker from the CLI.
            await SegmentRefresher.MarkDirtyAsync(db, SegmentDependency.Orders, ct);
        }

        return row;
    }

    /// <summary>Cluster sizes and spend per stage of the workspace's active contacts, as of now or a given instant (orders after it are ignored).</summary>
    public async Task<RfmSummary> SummarizeAsync(DateTime? asOf = null, CancellationToken ct = default)
    {
        var thresholds = await GetThresholdsAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var at = asOf ?? time.GetUtcNow().UtcDateTime;
        var sql = new SqlBuilder(SqlDialect.For(db.Provider), db.WorkspaceId!.Value);
        var asOfParam = sql.Param(at);
        var stage = RfmSql.StageCase(sql, thresholds, at, "r.orders", "r.spent", "r.last_at");
        var days = sql.Dialect.DaysBetween("r.last_at", asOfParam);
        var text = $"SELECT x.stage, COUNT(*), SUM(x.spent), SUM(x.orders), AVG(x.days) FROM (SELECT {stage} AS stage, " +
            $"COALESCE(r.spent, 0) AS spent, COALESCE(r.orders, 0) AS orders, {days} AS days " +
            $"FROM contacts c LEFT JOIN ({RfmSql.Aggregates(sql, asOfParam)}) r ON r.contact_id = c.id " +
            $"WHERE c.workspace_id = {sql.Workspace} AND c.status = {(int)ContactStatus.Active}) x GROUP BY x.stage";
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var rows = await SqlRunner.ReadAsync(db, text, sql.Parameters,
            r => ((LifecycleStage)Convert.ToInt32(r.GetValue(0), invariant), r.GetInt64(1),
                r.IsDBNull(2) ? 0m : Convert.ToDecimal(r.GetValue(2), invariant),
                r.IsDBNull(3) ? 0L : Convert.ToInt64(r.GetValue(3), invariant),
                r.IsDBNull(4) ? (double?)null : Convert.ToDouble(r.GetValue(4), invariant)), ct);
        var contacts = rows.Sum(r => r.Item2);
        var spent = rows.Sum(r => r.Item3);
        var clusters = Enum.GetValues<LifecycleStage>().Select(s =>
        {
            var row = rows.FirstOrDefault(r => r.Item1 == s);
            return new LifecycleCluster(s, row.Item2, decimal.Round(row.Item3, 2),
                contacts == 0 ? 0 : (double)row.Item2 / contacts,
                spent == 0 ? 0 : (double)(row.Item3 / spent), row.Item4, row.Item5);
        }).ToList();
        return new RfmSummary(at, thresholds, contacts, decimal.Round(spent, 2), clusters);
    }
}
