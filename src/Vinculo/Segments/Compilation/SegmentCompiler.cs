using System.Globalization;
using Vinculo.Analytics;
using Vinculo.Contacts;
using Vinculo.Families;

namespace Vinculo.Segments.Compilation;

/// <summary>Everything a definition is compiled against: the workspace, its clock and settings.</summary>
public sealed record SegmentCompileContext(
    Guid WorkspaceId,
    DateTime Now,
    DateOnly Today,
    int AgeOfMajority,
    RfmThresholds Rfm,
    IReadOnlyDictionary<string, CustomFieldType> CustomFields,
    IReadOnlyDictionary<Guid, SegmentDefinition> OtherSegments);

/// <summary>A definition as one SQL predicate over contacts aliased "c", with its parameters.</summary>
public sealed record CompiledSegment(string Predicate, IReadOnlyList<KeyValuePair<string, object?>> Parameters, SegmentDependency DependsOn, string WorkspaceParam)
{
    /// <summary>Active contacts of the workspace matching the definition.</summary>
    public string Where => $"c.workspace_id = {WorkspaceParam} AND c.status = {(int)ContactStatus.Active} AND ({Predicate})";

    public string SelectIds => $"SELECT c.id FROM contacts c WHERE {Where}";

    public string Count => $"SELECT COUNT(*) FROM contacts c WHERE {Where}";
}

/// <summary>
/// Turns a validated definition into one parameterised query. Every leaf yields a two-valued
/// predicate (never SQL NULL), so NOT is an exact complement; sub-queries always drop null contact ids.
/// </summary>
public sealed class SegmentCompiler
{
    private const string C = "c";
    private readonly SegmentCompileContext _context;
    private readonly SqlBuilder _sql;
    private readonly HashSet<Guid> _expanding = [];
    private SegmentDependency _dependsOn;

    private SegmentCompiler(SegmentCompileContext context, SqlDialect dialect)
    {
        _context = context;
        _sql = new SqlBuilder(dialect, context.WorkspaceId);
    }

    public static CompiledSegment Compile(SegmentDefinition definition, SegmentCompileContext context, SqlDialect dialect)
    {
        var compiler = new SegmentCompiler(context, dialect);
        var predicate = compiler.Visit(definition.Root);
        // Membership is always limited to active contacts, so every segment reads who they are.
        return new CompiledSegment(predicate, compiler._sql.Parameters, compiler._dependsOn | SegmentDependency.ActiveContacts, compiler._sql.Workspace);
    }

    /// <summary>Compiles into an existing builder (used to embed a segment inside a larger statement).</summary>
    internal static (string Predicate, SegmentDependency DependsOn) CompileInto(SqlBuilder sql, SegmentDefinition definition, SegmentCompileContext context)
    {
        var compiler = new SegmentCompiler(context, sql);
        return (compiler.Visit(definition.Root), compiler._dependsOn);
    }

    private SegmentCompiler(SegmentCompileContext context, SqlBuilder sql)
    {
        _context = context;
        _sql = sql;
    }

    private string P(object? value) => _sql.Param(value);

    private string Ws => _sql.Workspace;

    private SqlDialect Dialect => _sql.Dialect;

    private string Visit(Condition condition) => condition switch
    {
        AllOf g => "(" + string.Join(" AND ", g.Conditions.Select(Visit)) + ")",
        AnyOf g => "(" + string.Join(" OR ", g.Conditions.Select(Visit)) + ")",
        Not n => "NOT (" + Visit(n.Condition) + ")",
        AttributeCondition a => Attribute(a),
        CustomFieldCondition f => CustomField(f),
        AgeCondition a => Age(a),
        BirthdayCondition b => Birthday(b),
        AgeGroupCondition g => AgeGroupPredicate(g),
        HasChildrenCondition h => HasChildren(h),
        OrganizationCondition o => OrganizationPredicate(o),
        PurchaseCondition p => Purchase(p),
        OrderStatsCondition s => OrderStats(s),
        LastPurchaseCondition l => LastPurchase(l),
        EventCondition e => Event(e),
        ConsentCondition k => Depend(SegmentDependency.Consent, ConsentSql.Predicate(_sql, C, k)),
        TagCondition t => Tags(t),
        SocialCondition s => Depend(SegmentDependency.Social,
            $"EXISTS (SELECT 1 FROM contact_social_profiles sp WHERE sp.workspace_id = {Ws} AND sp.contact_id = {C}.id AND sp.network = {P(s.Network.Trim().ToLowerInvariant())})"),
        LifecycleCondition l => Depend(SegmentDependency.Orders | SegmentDependency.Time, RfmSql.Predicate(_sql, C, l.Stage, _context.Rfm, _context.Now)),
        SegmentMembershipCondition m => OtherSegment(m),
        _ => throw new NotSupportedException($"Condition {condition.GetType().Name} has no SQL form."),
    };

    private string Depend(SegmentDependency dependency, string sql)
    {
        _dependsOn |= dependency;
        return sql;
    }

    private string Since(int days) => P(_context.Now.AddDays(-days));

    private string Attribute(AttributeCondition a)
    {
        _dependsOn |= SegmentDependency.Contacts;
        if (AttributeCondition.ContactColumns.TryGetValue(a.Field, out var column))
        {
            return TextPredicate($"{C}.{column}", a.Op, a.Value, a.Values);
        }

        var addressColumn = AttributeCondition.AddressColumns[a.Field];
        // "Not set" on an address field means no address has it, so negate the "set" test across addresses.
        if (a.Op == TextOperator.IsNotSet)
        {
            return $"NOT EXISTS (SELECT 1 FROM postal_addresses pa WHERE pa.workspace_id = {Ws} AND pa.contact_id = {C}.id AND {TextPredicate("pa." + addressColumn, TextOperator.IsSet, null, null)})";
        }

        return $"EXISTS (SELECT 1 FROM postal_addresses pa WHERE pa.workspace_id = {Ws} AND pa.contact_id = {C}.id AND {TextPredicate("pa." + addressColumn, a.Op, a.Value, a.Values)})";
    }

    private string TextPredicate(string column, TextOperator op, string? value, List<string>? values) => op switch
    {
        TextOperator.Eq => $"({column} IS NOT NULL AND {column} = {P(value)})",
        TextOperator.Neq => $"({column} IS NOT NULL AND {column} <> {P(value)})",
        TextOperator.In => $"({column} IS NOT NULL AND {column} IN ({string.Join(", ", values!.Select(v => P(v)))}))",
        TextOperator.Contains => $"({column} IS NOT NULL AND lower({column}) LIKE {P("%" + EscapeLike(value!.ToLowerInvariant()) + "%")} ESCAPE '\\')",
        TextOperator.StartsWith => $"({column} IS NOT NULL AND lower({column}) LIKE {P(EscapeLike(value!.ToLowerInvariant()) + "%")} ESCAPE '\\')",
        TextOperator.IsSet => $"({column} IS NOT NULL AND {column} <> '')",
        TextOperator.IsNotSet => $"({column} IS NULL OR {column} = '')",
        _ => throw new NotSupportedException(op.ToString()),
    };

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private string CustomField(CustomFieldCondition f)
    {
        _dependsOn |= SegmentDependency.Contacts;
        var type = _context.CustomFields[f.Key];
        var key = P(f.Key);
        var column = $"{C}.custom_fields";
        var text = Dialect.JsonText(column, key);
        if (f.Op == CompareOrTextOperator.IsSet)
        {
            return $"({text} IS NOT NULL)";
        }

        if (f.Op == CompareOrTextOperator.IsNotSet)
        {
            return $"({text} IS NULL)";
        }

        switch (type)
        {
            case CustomFieldType.Number:
                var number = Dialect.JsonNumber(column, key);
                if (f.Op == CompareOrTextOperator.In)
                {
                    return $"({number} IS NOT NULL AND {number} IN ({string.Join(", ", f.Values!.Select(v => P(ParseNumber(v))))}))";
                }

                return $"({number} IS NOT NULL AND {number} {SqlOperator(f.Op)} {P(ParseNumber(f.Value!))})";
            case CustomFieldType.Boolean:
                var wanted = bool.Parse(f.Value!);
                return Dialect.JsonBoolEquals(column, key, P(f.Op == CompareOrTextOperator.Neq ? !wanted : wanted));
            case CustomFieldType.MultiChoice:
                var options = f.Op == CompareOrTextOperator.In ? f.Values! : [f.Value!];
                return "(" + string.Join(" OR ", options.Select(v => Dialect.JsonArrayContains(column, key, P(v)))) + ")";
            default:
                // Text, choice and ISO dates (yyyy-MM-dd compares in order as text).
                return f.Op switch
                {
                    CompareOrTextOperator.In => $"({text} IS NOT NULL AND {text} IN ({string.Join(", ", f.Values!.Select(v => P(v)))}))",
                    CompareOrTextOperator.Contains => $"({text} IS NOT NULL AND lower({text}) LIKE {P("%" + EscapeLike(f.Value!.ToLowerInvariant()) + "%")} ESCAPE '\\')",
                    _ => $"({text} IS NOT NULL AND {text} {SqlOperator(f.Op)} {P(f.Value)})",
                };
        }
    }

    private static decimal ParseNumber(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string SqlOperator(CompareOrTextOperator op) => op switch
    {
        CompareOrTextOperator.Eq => "=",
        CompareOrTextOperator.Neq => "<>",
        CompareOrTextOperator.Gt => ">",
        CompareOrTextOperator.Gte => ">=",
        CompareOrTextOperator.Lt => "<",
        CompareOrTextOperator.Lte => "<=",
        _ => throw new NotSupportedException(op.ToString()),
    };

    private static string SqlOperator(CompareOperator op) => op switch
    {
        CompareOperator.Eq => "=",
        CompareOperator.Neq => "<>",
        CompareOperator.Gt => ">",
        CompareOperator.Gte => ">=",
        CompareOperator.Lt => "<",
        _ => "<=",
    };

    /// <summary>Birth-date bounds for an inclusive age range (age ≥ min ⇔ born on or before today − min years).</summary>
    private string BirthDateInAgeRange(string birthDate, int? min, int? max)
    {
        var parts = new List<string> { $"{birthDate} IS NOT NULL" };
        if (min is { } lo)
        {
            parts.Add($"{birthDate} <= {P(_context.Today.AddYears(-lo))}");
        }

        if (max is { } hi)
        {
            parts.Add($"{birthDate} > {P(_context.Today.AddYears(-(hi + 1)))}");
        }

        return "(" + string.Join(" AND ", parts) + ")";
    }

    private string Age(AgeCondition a)
    {
        _dependsOn |= SegmentDependency.Contacts | SegmentDependency.Time;
        return BirthDateInAgeRange($"{C}.birth_date", a.Min, a.Max);
    }

    private string Birthday(BirthdayCondition b)
    {
        _dependsOn |= SegmentDependency.Contacts | SegmentDependency.Time;
        if (b.WithinDays >= 365)
        {
            return $"({C}.birth_date IS NOT NULL)";
        }

        var from = P(_context.Today.ToString("MM-dd", CultureInfo.InvariantCulture));
        var to = _context.Today.AddDays(b.WithinDays);
        var toParam = P(to.ToString("MM-dd", CultureInfo.InvariantCulture));
        var monthDay = Dialect.MonthDay($"{C}.birth_date");
        // Windows that cross New Year wrap around.
        return to.Year == _context.Today.Year
            ? $"({C}.birth_date IS NOT NULL AND {monthDay} >= {from} AND {monthDay} <= {toParam})"
            : $"({C}.birth_date IS NOT NULL AND ({monthDay} >= {from} OR {monthDay} <= {toParam}))";
    }

    private string AgeGroupPredicate(AgeGroupCondition g)
    {
        _dependsOn |= SegmentDependency.Contacts | SegmentDependency.Time;
        var latestAdult = P(AgePolicy.LatestAdultBirthDate(_context.Today, _context.AgeOfMajority));
        return g.Group == AgeGroup.Minor
            ? $"({C}.birth_date IS NOT NULL AND {C}.birth_date > {latestAdult})"
            : $"({C}.birth_date IS NOT NULL AND {C}.birth_date <= {latestAdult})";
    }

    private string HasChildren(HasChildrenCondition h)
    {
        _dependsOn |= SegmentDependency.Families | SegmentDependency.Time;
        return $"EXISTS (SELECT 1 FROM guardian_links gl JOIN contacts kid ON kid.id = gl.minor_id WHERE gl.workspace_id = {Ws} " +
            $"AND gl.guardian_id = {C}.id AND gl.ended_at IS NULL AND kid.status <> {(int)ContactStatus.Erased} AND {BirthDateInAgeRange("kid.birth_date", h.MinAge, h.MaxAge)})";
    }

    private string OrganizationPredicate(OrganizationCondition o)
    {
        _dependsOn |= SegmentDependency.Organizations;
        var sql = $"EXISTS (SELECT 1 FROM organization_memberships om JOIN organizations org ON org.id = om.organization_id " +
            $"WHERE om.workspace_id = {Ws} AND om.contact_id = {C}.id AND (om.ended_on IS NULL OR om.ended_on >= {P(_context.Today)})";
        if (!string.IsNullOrWhiteSpace(o.Industry))
        {
            sql += $" AND lower(org.industry) = {P(o.Industry.Trim().ToLowerInvariant())}";
        }

        if (o.Sizes is { Count: > 0 })
        {
            sql += $" AND org.size IN ({string.Join(", ", o.Sizes.Select(s => P((int)s)))})";
        }

        if (!string.IsNullOrWhiteSpace(o.Role))
        {
            sql += $" AND lower(om.role) = {P(o.Role.Trim().ToLowerInvariant())}";
        }

        if (o.DecisionMaker is { } decisionMaker)
        {
            sql += decisionMaker ? " AND om.is_decision_maker" : " AND NOT om.is_decision_maker";
        }

        return sql + ")";
    }

    private string OrdersFrom(int? withinDays) => "FROM orders o WHERE " + OrdersWhere(withinDays);

    private string OrdersWhere(int? withinDays)
    {
        _dependsOn |= SegmentDependency.Orders | (withinDays is null ? SegmentDependency.None : SegmentDependency.Time);
        return $"o.workspace_id = {Ws} AND o.contact_id IS NOT NULL AND NOT o.is_cancelled" +
            (withinDays is { } d ? $" AND o.ordered_at >= {Since(d)}" : "");
    }

    private string Purchase(PurchaseCondition p)
    {
        if (p.Sku is null && p.Category is null)
        {
            return $"EXISTS (SELECT 1 {OrdersFrom(p.WithinDays)} AND o.contact_id = {C}.id)";
        }

        var lines = $"EXISTS (SELECT 1 FROM order_lines ol JOIN orders o ON o.id = ol.order_id";
        if (p.Category is not null)
        {
            lines += $" JOIN products pr ON pr.id = ol.product_id AND pr.category = {P(p.Category)}";
        }

        lines += $" WHERE {OrdersWhere(p.WithinDays)} AND o.contact_id = {C}.id";
        if (p.Sku is not null)
        {
            lines += $" AND ol.sku = {P(p.Sku)}";
        }

        return lines + ")";
    }

    private string OrderStats(OrderStatsCondition s)
    {
        var from = OrdersFrom(s.WithinDays);
        var aggregate = s.Metric == OrderMetric.Count ? "COUNT(*)" : "SUM(o.total)";
        return Aggregate(from, "o.contact_id", aggregate, s.Op, s.Value, isCount: s.Metric == OrderMetric.Count);
    }

    private string LastPurchase(LastPurchaseCondition l)
    {
        if (l.WithinDays is { } within)
        {
            return $"EXISTS (SELECT 1 {OrdersFrom(within)} AND o.contact_id = {C}.id)";
        }

        var days = l.BeforeDays!.Value;
        return $"(EXISTS (SELECT 1 {OrdersFrom(null)} AND o.contact_id = {C}.id) AND NOT EXISTS (SELECT 1 {OrdersFrom(days)} AND o.contact_id = {C}.id))";
    }

    private string Event(EventCondition e)
    {
        _dependsOn |= SegmentDependency.Events | (e.WithinDays is null ? SegmentDependency.None : SegmentDependency.Time);
        var from = $"FROM interactions i WHERE i.workspace_id = {Ws} AND i.type = {P(e.Type)}" +
            (e.WithinDays is { } d ? $" AND i.occurred_at >= {Since(d)}" : "") +
            (e.Channel is null ? "" : $" AND i.channel = {P(e.Channel)}") +
            " AND i.contact_id IS NOT NULL";
        return Aggregate(from, "i.contact_id", "COUNT(*)", e.Op, e.Count, isCount: true, groupKey: Dialect.EventGroupKey("i.contact_id"));
    }

    /// <summary>
    /// "aggregate op value" per contact. Contacts without rows have aggregate 0; when 0 satisfies the
    /// comparison the complement is selected and negated, so they are included without scanning contacts twice.
    /// </summary>
    private string Aggregate(string from, string contactColumn, string aggregate, CompareOperator op, decimal value, bool isCount, string? groupKey = null)
    {
        var zeroMatches = Holds(op, 0m, value);
        var effective = zeroMatches ? Complement(op) : op;
        string inner;
        if (isCount && !Holds(effective, 0m, value) && AllPositiveCountsMatch(effective, value))
        {
            inner = $"EXISTS (SELECT 1 {from} AND {contactColumn} = {C}.id)";
        }
        else if (isCount && NoCountMatches(effective, value))
        {
            inner = "1 = 0";
        }
        else
        {
            inner = $"{C}.id IN (SELECT {contactColumn} {from} GROUP BY {groupKey ?? contactColumn} HAVING {aggregate} {SqlOperator(effective)} {P(value)})";
        }

        return zeroMatches ? $"NOT ({inner})" : inner;
    }

    private static bool Holds(CompareOperator op, decimal left, decimal right) => op switch
    {
        CompareOperator.Eq => left == right,
        CompareOperator.Neq => left != right,
        CompareOperator.Gt => left > right,
        CompareOperator.Gte => left >= right,
        CompareOperator.Lt => left < right,
        _ => left <= right,
    };

    private static CompareOperator Complement(CompareOperator op) => op switch
    {
        CompareOperator.Eq => CompareOperator.Neq,
        CompareOperator.Neq => CompareOperator.Eq,
        CompareOperator.Gt => CompareOperator.Lte,
        CompareOperator.Gte => CompareOperator.Lt,
        CompareOperator.Lt => CompareOperator.Gte,
        _ => CompareOperator.Gt,
    };

    /// <summary>True when every count ≥ 1 satisfies the comparison: "has any".</summary>
    private static bool AllPositiveCountsMatch(CompareOperator op, decimal value) => op switch
    {
        CompareOperator.Gte => value <= 1,
        CompareOperator.Gt => value < 1,
        CompareOperator.Neq => value < 1 || value != decimal.Truncate(value),
        _ => false,
    };

    private static bool NoCountMatches(CompareOperator op, decimal value) => op switch
    {
        CompareOperator.Lt => value <= 1,
        CompareOperator.Lte => value < 1,
        CompareOperator.Eq => value < 1 || value != decimal.Truncate(value),
        _ => false,
    };

    private string Tags(TagCondition t)
    {
        _dependsOn |= SegmentDependency.Tags;
        var names = string.Join(", ", t.Names.Select(n => P(n.Trim())));
        var from = $"FROM contact_tags ct WHERE ct.workspace_id = {Ws} AND ct.contact_id = {C}.id AND ct.name IN ({names})";
        return t.Match == TagMatch.Any || t.Names.Count == 1
            ? $"EXISTS (SELECT 1 {from})"
            : $"((SELECT COUNT(*) {from}) = {P(t.Names.Select(n => n.Trim()).Distinct().Count())})";
    }

    private string OtherSegment(SegmentMembershipCondition m)
    {
        // Validation refuses unknown and cyclic references; this guard keeps a stale cycle from recursing forever.
        if (!_context.OtherSegments.TryGetValue(m.SegmentId, out var other) || !_expanding.Add(m.SegmentId))
        {
            throw new Common.ValidationFailedException("segmentId", $"segment {m.SegmentId} is missing or refers to itself");
        }

        var predicate = Visit(other.Root);
        _expanding.Remove(m.SegmentId);
        return predicate;
    }
}
