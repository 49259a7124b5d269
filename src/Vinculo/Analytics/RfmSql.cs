using Vinculo.Segments.Compilation;

namespace Vinculo.Analytics;

/// <summary>
/// Lifecycle stage as SQL over non-cancelled orders, shared by the cluster summary and the segment
/// condition so both classify alike. Recency thresholds become cut-off instants computed once.
/// </summary>
internal static class RfmSql
{
    /// <summary>Per-contact order aggregates: contact_id, orders, spent, last_at.</summary>
    public static string Aggregates(SqlBuilder sql, string? asOfParam = null) =>
        "SELECT o.contact_id, COUNT(*) AS orders, SUM(o.total) AS spent, MAX(o.ordered_at) AS last_at FROM orders o " +
        $"WHERE o.workspace_id = {sql.Workspace} AND o.contact_id IS NOT NULL AND NOT o.is_cancelled" +
        (asOfParam is null ? "" : $" AND o.ordered_at <= {asOfParam}") +
        " GROUP BY o.contact_id";

    public static (DateTime LostBefore, DateTime AtRiskBefore) Cutoffs(RfmThresholds t, DateTime now) =>
        (now.AddDays(-t.LostAfterDays), now.AddDays(-t.AtRiskAfterDays));

    /// <summary>A CASE expression naming the stage from aggregate expressions (null last purchase = prospect).</summary>
    public static string StageCase(SqlBuilder sql, RfmThresholds t, DateTime now, string orders, string spent, string lastAt)
    {
        var (lost, risk) = Cutoffs(t, now);
        return $"CASE WHEN {lastAt} IS NULL THEN {(int)LifecycleStage.Prospect} " +
            $"WHEN {lastAt} < {sql.Param(lost)} THEN {(int)LifecycleStage.Lost} " +
            $"WHEN {lastAt} < {sql.Param(risk)} THEN {(int)LifecycleStage.AtRisk} " +
            $"WHEN {orders} >= {sql.Param(t.LoyalMinOrders)} AND {spent} >= {sql.Param(t.LoyalMinSpent)} THEN {(int)LifecycleStage.Loyal} " +
            $"ELSE {(int)LifecycleStage.New} END";
    }

    /// <summary>The contact (alias) is in the stage now.</summary>
    public static string Predicate(SqlBuilder sql, string contact, LifecycleStage stage, RfmThresholds t, DateTime now)
    {
        var orders = $"FROM orders o WHERE o.workspace_id = {sql.Workspace} AND o.contact_id IS NOT NULL AND NOT o.is_cancelled";
        if (stage == LifecycleStage.Prospect)
        {
            return $"NOT EXISTS (SELECT 1 {orders} AND o.contact_id = {contact}.id)";
        }

        var (lost, risk) = Cutoffs(t, now);
        var having = stage switch
        {
            LifecycleStage.Lost => $"MAX(o.ordered_at) < {sql.Param(lost)}",
            LifecycleStage.AtRisk => $"MAX(o.ordered_at) >= {sql.Param(lost)} AND MAX(o.ordered_at) < {sql.Param(risk)}",
            LifecycleStage.Loyal => $"MAX(o.ordered_at) >= {sql.Param(risk)} AND COUNT(*) >= {sql.Param(t.LoyalMinOrders)} AND SUM(o.total) >= {sql.Param(t.LoyalMinSpent)}",
            _ => $"MAX(o.ordered_at) >= {sql.Param(risk)} AND NOT (COUNT(*) >= {sql.Param(t.LoyalMinOrders)} AND SUM(o.total) >= {sql.Param(t.LoyalMinSpent)})",
        };
        return $"{contact}.id IN (SELECT o.contact_id {orders} GROUP BY o.contact_id HAVING {having})";
    }
}
