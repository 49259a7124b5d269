using System.Text.Json;
using Vinculo.Analytics;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Segments;

namespace Vinculo.App.Components.Segments;

public enum BuilderKind
{
    Group,
    Age,
    Birthday,
    AgeGroup,
    Event,
    Purchase,
    Tag,
    Lifecycle,
    Consent,
    Social,
    Attribute,
    CustomField,
    Organization,
    OrderStats,
    LastPurchase,
    Segment,
    /// <summary>Any other condition, edited as its JSON (has children, events on a channel, other operators, …).</summary>
    Json,
}

/// <summary>The builder's editable form of a condition tree; converts to and from <see cref="SegmentDefinition"/>.</summary>
public sealed class BuilderNode
{
    public BuilderKind Kind { get; set; } = BuilderKind.Age;
    public bool Negate { get; set; }
    public bool MatchAny { get; set; }
    public List<BuilderNode> Children { get; } = [];
    public int? Min { get; set; }
    public int? Max { get; set; }
    public int? Days { get; set; }
    public int Count { get; set; } = 1;
    public CompareOperator Op { get; set; } = CompareOperator.Gte;
    /// <summary>Event type, tag names (comma-separated), SKU, network, consent channel or attribute value, by kind.</summary>
    public string? Text { get; set; }
    /// <summary>Category, consent purpose or attribute field, by kind.</summary>
    public string? Text2 { get; set; }
    public LifecycleStage Stage { get; set; }
    public AgeGroup Group { get; set; }
    public ConsentStateFilter Consent { get; set; }
    /// <summary>Custom field operator (the key is <see cref="Text"/>, the value <see cref="Text2"/> in invariant form).</summary>
    public CompareOrTextOperator FieldOp { get; set; } = CompareOrTextOperator.Eq;
    public OrderMetric Metric { get; set; }
    public decimal? Amount { get; set; }
    /// <summary>Last purchase: more than N days ago and not since, instead of within the last N days.</summary>
    public bool Before { get; set; }
    /// <summary>Organization: company sizes (industry is <see cref="Text"/>, role <see cref="Text2"/>).</summary>
    public IReadOnlyCollection<CompanySize> Sizes { get; set; } = [];
    public bool DecisionMakerOnly { get; set; }
    public Guid? SegmentId { get; set; }
    public string Json { get; set; } = "";

    public static BuilderNode NewGroup(bool any = false) => new() { Kind = BuilderKind.Group, MatchAny = any };

    public static BuilderNode NewLeaf() => new() { Kind = BuilderKind.Age, Min = 18 };

    public SegmentDefinition ToDefinition() => new() { Root = ToCondition("definition.root") };

    public Condition ToCondition(string path)
    {
        Condition condition = Kind switch
        {
            BuilderKind.Group => MatchAny
                ? new AnyOf([.. Children.Select((c, i) => c.ToCondition($"{path}.conditions[{i}]"))])
                : new AllOf([.. Children.Select((c, i) => c.ToCondition($"{path}.conditions[{i}]"))]),
            BuilderKind.Age => new AgeCondition(Min, Max),
            BuilderKind.Birthday => new BirthdayCondition(Days ?? 7),
            BuilderKind.AgeGroup => new AgeGroupCondition(Group),
            BuilderKind.Event => new EventCondition(Text?.Trim() ?? "", Op, Count, Days),
            BuilderKind.Purchase => new PurchaseCondition(Blank(Text), Blank(Text2), Days),
            BuilderKind.Tag => new TagCondition([.. (Text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]),
            BuilderKind.Lifecycle => new LifecycleCondition(Stage),
            BuilderKind.Consent => new ConsentCondition(Text ?? "email", Text2 ?? "marketing", Consent),
            BuilderKind.Social => new SocialCondition(Text ?? ""),
            BuilderKind.Attribute => new AttributeCondition(Text2 ?? "gender", string.IsNullOrEmpty(Text) ? TextOperator.IsSet : TextOperator.Eq, Blank(Text)),
            BuilderKind.CustomField => new CustomFieldCondition(Text ?? "", FieldOp, HasNoValue(FieldOp) ? null : Blank(Text2)),
            BuilderKind.Organization => new OrganizationCondition(Blank(Text), Sizes.Count > 0 ? [.. Sizes.Order()] : null, Blank(Text2), DecisionMakerOnly ? true : null),
            BuilderKind.OrderStats => new OrderStatsCondition(Metric, Op, Amount ?? 0, Days),
            BuilderKind.LastPurchase => Before ? new LastPurchaseCondition(BeforeDays: Days ?? 90) : new LastPurchaseCondition(WithinDays: Days ?? 30),
            BuilderKind.Segment => new SegmentMembershipCondition(SegmentId ?? Guid.Empty),
            _ => ParseJson(path),
        };
        return Negate && Kind != BuilderKind.Json ? new Not(condition) : condition;
    }

    private Condition ParseJson(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Condition>(Json, SegmentDefinition.Json) ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new ValidationFailedException(path, "is not a valid condition: " + e.Message);
        }
    }

    /// <summary>Operators that test presence only and take no value.</summary>
    public static bool HasNoValue(CompareOrTextOperator op) => op is CompareOrTextOperator.IsSet or CompareOrTextOperator.IsNotSet;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static BuilderNode From(Condition condition)
    {
        switch (condition)
        {
            case Not { Condition: not Not } n when From(n.Condition) is { Kind: not BuilderKind.Json } inner:
                inner.Negate = !inner.Negate;
                return inner;
            case AllOf g:
                return FromGroup(g.Conditions, any: false);
            case AnyOf g:
                return FromGroup(g.Conditions, any: true);
            case AgeCondition a:
                return new() { Kind = BuilderKind.Age, Min = a.Min, Max = a.Max };
            case BirthdayCondition b:
                return new() { Kind = BuilderKind.Birthday, Days = b.WithinDays };
            case AgeGroupCondition g:
                return new() { Kind = BuilderKind.AgeGroup, Group = g.Group };
            case EventCondition e when e.Channel is null:
                return new() { Kind = BuilderKind.Event, Text = e.Type, Op = e.Op, Count = e.Count, Days = e.WithinDays };
            case PurchaseCondition p:
                return new() { Kind = BuilderKind.Purchase, Text = p.Sku, Text2 = p.Category, Days = p.WithinDays };
            case TagCondition t when t.Match == TagMatch.Any:
                return new() { Kind = BuilderKind.Tag, Text = string.Join(", ", t.Names) };
            case LifecycleCondition l:
                return new() { Kind = BuilderKind.Lifecycle, Stage = l.Stage };
            case ConsentCondition k:
                return new() { Kind = BuilderKind.Consent, Text = k.Channel, Text2 = k.Purpose, Consent = k.Status };
            case SocialCondition s:
                return new() { Kind = BuilderKind.Social, Text = s.Network };
            case AttributeCondition a when a.Op is TextOperator.Eq or TextOperator.IsSet:
                return new() { Kind = BuilderKind.Attribute, Text2 = a.Field, Text = a.Value };
            case CustomFieldCondition f when f.Op != CompareOrTextOperator.In:
                return new() { Kind = BuilderKind.CustomField, Text = f.Key, FieldOp = f.Op, Text2 = f.Value };
            case OrganizationCondition o when o.DecisionMaker is null or true:
                return new() { Kind = BuilderKind.Organization, Text = o.Industry, Text2 = o.Role, Sizes = [.. o.Sizes ?? []], DecisionMakerOnly = o.DecisionMaker == true };
            case OrderStatsCondition s:
                return new() { Kind = BuilderKind.OrderStats, Metric = s.Metric, Op = s.Op, Amount = s.Value, Days = s.WithinDays };
            case LastPurchaseCondition { WithinDays: { } within, BeforeDays: null }:
                return new() { Kind = BuilderKind.LastPurchase, Days = within };
            case LastPurchaseCondition { WithinDays: null, BeforeDays: { } before }:
                return new() { Kind = BuilderKind.LastPurchase, Days = before, Before = true };
            case SegmentMembershipCondition m:
                return new() { Kind = BuilderKind.Segment, SegmentId = m.SegmentId };
            default:
                return new() { Kind = BuilderKind.Json, Json = JsonSerializer.Serialize(condition, SegmentDefinition.Json) };
        }
    }

    private static BuilderNode FromGroup(List<Condition> conditions, bool any)
    {
        var group = NewGroup(any);
        group.Children.AddRange(conditions.Select(From));
        return group;
    }
}

/// <summary>What the builder's pickers offer: the workspace's contact custom fields and the other saved segments.</summary>
public sealed record BuilderChoices(IReadOnlyList<CustomFieldDefinition> Fields, IReadOnlyList<SegmentView> Segments, Guid? CurrentSegmentId)
{
    public static readonly BuilderChoices None = new([], [], null);

    /// <summary>The operators the engine accepts for a field of this type (mirrors the validator), presence tests last.</summary>
    public static IReadOnlyList<CompareOrTextOperator> OperatorsFor(CustomFieldType? type) => type switch
    {
        CustomFieldType.Number or CustomFieldType.Date =>
            [CompareOrTextOperator.Eq, CompareOrTextOperator.Neq, CompareOrTextOperator.Gt, CompareOrTextOperator.Gte, CompareOrTextOperator.Lt, CompareOrTextOperator.Lte, CompareOrTextOperator.IsSet, CompareOrTextOperator.IsNotSet],
        CustomFieldType.Boolean => [CompareOrTextOperator.Eq, CompareOrTextOperator.Neq, CompareOrTextOperator.IsSet, CompareOrTextOperator.IsNotSet],
        CustomFieldType.MultiChoice => [CompareOrTextOperator.Contains, CompareOrTextOperator.IsSet, CompareOrTextOperator.IsNotSet],
        _ => [CompareOrTextOperator.Eq, CompareOrTextOperator.Neq, CompareOrTextOperator.Contains, CompareOrTextOperator.IsSet, CompareOrTextOperator.IsNotSet],
    };
}
