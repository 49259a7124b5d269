using Vinculo.Consent;

namespace Vinculo.Segments.Compilation;

/// <summary>
/// The one place segment SQL reads consent: the ledger's current state (latest entry per contact ×
/// channel × purpose, ties broken as <see cref="ConsentLedger.Current"/> does), filtered on status only
/// after the latest entry is picked so a later withdrawal hides an earlier grant.
/// </summary>
internal static class ConsentSql
{
    public static string Predicate(SqlBuilder sql, string contact, ConsentCondition condition)
    {
        var ws = sql.Workspace;
        var channel = sql.Param((int)ConsentNames.ParseChannel(condition.Channel));
        var purpose = sql.Param((int)ConsentNames.ParsePurpose(condition.Purpose));
        var any = $"FROM consent_records cr WHERE cr.workspace_id = {ws} AND cr.contact_id = {contact}.id AND cr.channel = {channel} AND cr.purpose = {purpose}";
        if (condition.Status == ConsentStateFilter.Unknown)
        {
            return $"NOT EXISTS (SELECT 1 {any})";
        }

        var status = sql.Param((int)(condition.Status switch
        {
            ConsentStateFilter.Granted => ConsentStatus.Granted,
            ConsentStateFilter.Denied => ConsentStatus.Denied,
            _ => ConsentStatus.Withdrawn,
        }));
        return $"EXISTS (SELECT 1 {any} AND cr.status = {status} AND NOT EXISTS (SELECT 1 FROM consent_records cn " +
            $"WHERE cn.workspace_id = cr.workspace_id AND cn.contact_id = cr.contact_id AND cn.channel = cr.channel AND cn.purpose = cr.purpose " +
            "AND (cn.occurred_at > cr.occurred_at OR (cn.occurred_at = cr.occurred_at AND (cn.recorded_at > cr.recorded_at " +
            "OR (cn.recorded_at = cr.recorded_at AND cn.status > cr.status))))))";
    }
}
