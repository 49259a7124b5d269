namespace Vinculo.Segments.Compilation;

/// <summary>
/// The one place segment SQL reads consent, written against the consent ledger's documented shape:
/// consent_records (append-only; contact_id, channel, purpose, status, occurred_at), current state =
/// the latest record per contact, channel and purpose. If the ledger stores status differently,
/// only <see cref="StatusValue"/> changes.
/// </summary>
internal static class ConsentSql
{
    /// <summary>Status as stored: the ledger's enum (granted, denied, withdrawn) as integers.</summary>
    public static object StatusValue(ConsentState state) => state switch
    {
        ConsentState.Granted => 0,
        ConsentState.Denied => 1,
        ConsentState.Withdrawn => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string Predicate(SqlBuilder sql, string contact, ConsentCondition condition)
    {
        var ws = sql.Workspace;
        var channel = sql.Param(condition.Channel.Trim().ToLowerInvariant());
        var purpose = sql.Param(condition.Purpose.Trim().ToLowerInvariant());
        var any = $"FROM consent_records cr WHERE cr.workspace_id = {ws} AND cr.contact_id = {contact}.id AND cr.channel = {channel} AND cr.purpose = {purpose}";
        if (condition.Status == ConsentState.Unknown)
        {
            return $"NOT EXISTS (SELECT 1 {any})";
        }

        var status = sql.Param(StatusValue(condition.Status));
        return $"EXISTS (SELECT 1 {any} AND cr.status = {status} AND NOT EXISTS (SELECT 1 FROM consent_records cn " +
            $"WHERE cn.workspace_id = {ws} AND cn.contact_id = cr.contact_id AND cn.channel = cr.channel AND cn.purpose = cr.purpose " +
            "AND (cn.occurred_at > cr.occurred_at OR (cn.occurred_at = cr.occurred_at AND cn.id > cr.id))))";
    }
}
