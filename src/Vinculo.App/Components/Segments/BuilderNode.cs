using System.Text.Json;
using Vinculo.Analytics;
using Vinculo.Common;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Segments;

namespace Vinculo.App.Components.Segments;

public enum BuilderKind
{
    Group,
    Age,
    Birthday,
    AgeGroup,
    HasChildren,
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
    /// <summary>Any condition the form cannot state exactly (a double NOT, a value containing a comma in a list, …), edited as JSON.</summary>
    Json,
}

/// <summary>The builder's editable form of a condition tree; converts to and from <see cref="SegmentDefinition"/>.</summary>
public sealed class BuilderNode
{
    public BuilderKind Kind { get; set; } = BuilderKind.Age;
    public bool Negate { get; set; }
    public bool MatchAny { get; set; }
    public List<BuilderNode> Children { get; } = [];
    /// <summary>Age bounds, or the children's age bounds.</summary>
    public int? Min { get; set; }
    public int? Max { get; set; }
    public int? Days { get; set; }
    public int Count { get; set; } = 1;
    public CompareOperator Op { get; set; } = CompareOperator.Gte;
    /// <summary>Event type, SKU, network, consent channel, attribute value or custom field key, by kind.</summary>
    public string? Text { get; set; }
    /// <summary>Event channel, category, consent purpose, attribute field or custom field value, by kind.</summary>
    public string? Text2 { get; set; }
    /// <summary>Values of an `in` list (attribute, custom field) or tag names.</summary>
    public IReadOnlyList<string> Values { get; set; } = [];
    public LifecycleStage Stage { get; set; }
    public AgeGroup Group { get; set; }
    public ConsentStateFilter Consent { get; set; }
    /// <summary>Custom field operator (the key is <see cref="Text"/>, the value <see cref="Text2"/> in invariant form).</summary>
    public CompareOrTextOperator FieldOp { get; set; } = CompareOrTextOperator.Eq;
    /// <summary>Attribute operator (the field is <see cref="Text2"/>, the value <see cref="Text"/>).</summary>
    public TextOperator TextOp { get; set; } = TextOperator.IsSet;
    public TagMatch TagMatch { get; set; }
    public OrderMetric Metric { get; set; }
    public decimal? Amount { get; set; }
    /// <summary>Last purchase: more than N days ago and not since, instead of within the last N days.</summary>
    public bool Before { get; set; }
    /// <summary>Organization: company sizes (industry is <see cref="Text"/>, role <see cref="Text2"/>).</summary>
    public IReadOnlyCollection<CompanySize> Sizes { get; set; } = [];
    /// <summary>Organization: decision makers only (true), only those who are not (false), or either (null).</summary>
    public bool? DecisionMaker { get; set; }
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
            BuilderKind.HasChildren => new HasChildrenCondition(Min, Max),
            BuilderKind.Event => new EventCondition(Text?.Trim() ?? "", Op, Count, Days, Blank(Text2)),
            BuilderKind.Purchase => new PurchaseCondition(Blank(Text), Blank(Text2), Days),
            BuilderKind.Tag => new TagCondition([.. Values], TagMatch),
            BuilderKind.Lifecycle => new LifecycleCondition(Stage),
            BuilderKind.Consent => new ConsentCondition(Text ?? "email", Text2 ?? "marketing", Consent),
            BuilderKind.Social => new SocialCondition(Text ?? ""),
            BuilderKind.Attribute => TextOp switch
            {
                TextOperator.In => new AttributeCondition(Text2 ?? "gender", TextOp, Values: [.. Values]),
                TextOperator.IsSet or TextOperator.IsNotSet => new AttributeCondition(Text2 ?? "gender", TextOp),
                _ => new AttributeCondition(Text2 ?? "gender", TextOp, Text ?? ""),
            },
            BuilderKind.CustomField => FieldOp switch
            {
                CompareOrTextOperator.In => new CustomFieldCondition(Text ?? "", FieldOp, Values: [.. Values]),
                _ => new CustomFieldCondition(Text ?? "", FieldOp, HasNoValue(FieldOp) ? null : Blank(Text2)),
            },
            BuilderKind.Organization => new OrganizationCondition(Blank(Text), Sizes.Count > 0 ? [.. Sizes.Order()] : null, Blank(Text2), DecisionMaker),
            BuilderKind.OrderStats => new OrderStatsCondition(Metric, Op, Amount ?? 0, Days),
            BuilderKind.LastPurchase => Before ? new LastPurchaseCondition(BeforeDays: Days ?? 90) : new LastPurchaseCondition(WithinDays: Days ?? 30),
            BuilderKind.Segment => new SegmentMembershipCondition(SegmentId ?? Guid.Empty),
            _ => ParseJson(path),
        };
        return Negate && Kind != BuilderKind.Json ? new Not(condition) : condition;
    }

    /// <summary>Turns a form leaf into the JSON escape hatch, starting from what the form said (its NOT included).</summary>
    public void EditAsJson()
    {
        if (Kind is BuilderKind.Json or BuilderKind.Group)
        {
            return;
        }

        Json = JsonSerializer.Serialize(ToCondition("definition.root"), SegmentDefinition.Json);
        Negate = false;
        Kind = BuilderKind.Json;
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

    /// <summary>Splits a typed list ("a, b") into its values; the form shows them joined by <see cref="JoinList"/>.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static string JoinList(IEnumerable<string> values) => string.Join(", ", values);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The form for a stored condition. A leaf gets form fields only when the form saves it back exactly
    /// (same JSON); anything else stays JSON, so opening and saving a segment never changes its meaning.
    /// </summary>
    public static BuilderNode From(Condition condition)
    {
        var node = FromCondition(condition);
        if (node.Kind is BuilderKind.Group or BuilderKind.Json)
        {
            return node;
        }

        // A list is typed as "a, b": a value holding a comma or blanks at its ends would not survive an edit.
        var listTyped = node.Kind is BuilderKind.Attribute or BuilderKind.CustomField;
        return Same(node.ToCondition("definition.root"), condition) && (!listTyped || SplitList(JoinList(node.Values)).SequenceEqual(node.Values))
            ? node
            : AsJson(condition);
    }

    private static BuilderNode FromCondition(Condition condition)
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
            case HasChildrenCondition h:
                return new() { Kind = BuilderKind.HasChildren, Min = h.MinAge, Max = h.MaxAge };
            case EventCondition e:
                return new() { Kind = BuilderKind.Event, Text = e.Type, Op = e.Op, Count = e.Count, Days = e.WithinDays, Text2 = e.Channel };
            case PurchaseCondition p:
                return new() { Kind = BuilderKind.Purchase, Text = p.Sku, Text2 = p.Category, Days = p.WithinDays };
            case TagCondition t:
                return new() { Kind = BuilderKind.Tag, Values = [.. t.Names ?? []], TagMatch = t.Match };
            case LifecycleCondition l:
                return new() { Kind = BuilderKind.Lifecycle, Stage = l.Stage };
            case ConsentCondition k:
                return new() { Kind = BuilderKind.Consent, Text = k.Channel, Text2 = k.Purpose, Consent = k.Status };
            case SocialCondition s:
                return new() { Kind = BuilderKind.Social, Text = s.Network };
            case AttributeCondition a:
                return new() { Kind = BuilderKind.Attribute, Text2 = a.Field, TextOp = a.Op, Text = a.Value, Values = [.. a.Values ?? []] };
            case CustomFieldCondition f:
                return new() { Kind = BuilderKind.CustomField, Text = f.Key, FieldOp = f.Op, Text2 = f.Value, Values = [.. f.Values ?? []] };
            case OrganizationCondition o:
                return new() { Kind = BuilderKind.Organization, Text = o.Industry, Text2 = o.Role, Sizes = [.. o.Sizes ?? []], DecisionMaker = o.DecisionMaker };
            case OrderStatsCondition s:
                return new() { Kind = BuilderKind.OrderStats, Metric = s.Metric, Op = s.Op, Amount = s.Value, Days = s.WithinDays };
            case LastPurchaseCondition { WithinDays: { } within, BeforeDays: null }:
                return new() { Kind = BuilderKind.LastPurchase, Days = within };
            case LastPurchaseCondition { WithinDays: null, BeforeDays: { } before }:
                return new() { Kind = BuilderKind.LastPurchase, Days = before, Before = true };
            case SegmentMembershipCondition m:
                return new() { Kind = BuilderKind.Segment, SegmentId = m.SegmentId };
            default:
                return AsJson(condition);
        }
    }

    private static BuilderNode AsJson(Condition condition) =>
        new() { Kind = BuilderKind.Json, Json = JsonSerializer.Serialize(condition, SegmentDefinition.Json) };

    private static bool Same(Condition a, Condition b) =>
        JsonSerializer.Serialize(a, SegmentDefinition.Json) == JsonSerializer.Serialize(b, SegmentDefinition.Json);

    private static BuilderNode FromGroup(List<Condition> conditions, bool any)
    {
        var group = NewGroup(any);
        group.Children.AddRange(conditions.Select(From));
        return group;
    }
}

/// <summary>
/// What the builder's pickers offer: the workspace's contact custom fields, tags and other saved segments,
/// and the codes the product knows (event types, channels, networks, consent channels and purposes).
/// </summary>
public sealed record BuilderChoices(IReadOnlyList<CustomFieldDefinition> Fields, IReadOnlyList<SegmentView> Segments, Guid? CurrentSegmentId)
{
    public static readonly BuilderChoices None = new([], [], null);

    /// <summary>The workspace's tag names (the first few hundred, alphabetically).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The workspace's product categories (the first few hundred).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The industries the workspace's organizations name (the first few hundred).</summary>
    public IReadOnlyList<string> Industries { get; init; } = [];

    /// <summary>Event types the product itself records (importers, POS, web, email, SMS); others are typed.</summary>
    public static readonly IReadOnlyList<string> EventTypes =
    [
        "email.sent", "email.delivered", "email.opened", "email.clicked", "email.bounced", "email.unsubscribed",
        "sms.sent", "sms.delivered",
        "web.visit", "web.page_viewed", "web.form_submitted",
        "order.placed", "order.cancelled", "pos.purchase", "pos.ticket",
        "segment.entered", "segment.exited",
    ];

    /// <summary>Channels the timeline labels; others are typed.</summary>
    public static readonly IReadOnlyList<string> EventChannels =
        ["email", "sms", "phone", "push", "web", "social", "pos", "store", "ecommerce", "marketplace", "event", "other"];

    public static readonly IReadOnlyList<string> Networks = ["facebook", "instagram", "x", "tiktok", "linkedin", "youtube"];

    public static readonly IReadOnlyList<string> ConsentChannels = [.. Enum.GetValues<ConsentChannel>().Select(c => c.Name())];

    public static readonly IReadOnlyList<string> ConsentPurposes = [.. Enum.GetValues<ConsentPurpose>().Select(p => p.Name())];

    /// <summary>The operators the engine accepts for a field of this type (mirrors the validator), presence tests last.</summary>
    public static IReadOnlyList<CompareOrTextOperator> OperatorsFor(CustomFieldType? type) => type switch
    {
        CustomFieldType.Number or CustomFieldType.Date =>
            [CompareOrTextOperator.Eq, CompareOrTextOperator.Neq, CompareOrTextOperator.Gt, CompareOrTextOperator.Gte, CompareOrTextOperator.Lt, CompareOrTextOperator.Lte, CompareOrTextOperator.In, CompareOrTextOperator.IsSet, CompareOrTextOperator.IsNotSet],
        CustomFieldType.Boolean => [CompareOrTextOperator.Eq, CompareOrTextOperator.Neq, CompareOrTextOperator.IsSet, CompareOrTextOperator.IsNotSet],
        CustomFieldType.MultiChoice => [CompareOrTextOperator.Contains, CompareOrTextOperator.In, CompareOrTextOperator.IsSet, CompareOrTextOperator.IsNotSet],
        _ => [CompareOrTextOperator.Eq, CompareOrTextOperator.Neq, CompareOrTextOperator.In, CompareOrTextOperator.Contains, CompareOrTextOperator.Gt, CompareOrTextOperator.Gte, CompareOrTextOperator.Lt, CompareOrTextOperator.Lte, CompareOrTextOperator.IsSet, CompareOrTextOperator.IsNotSet],
    };
}
