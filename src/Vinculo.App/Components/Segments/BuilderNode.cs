using System.Text.Json;
using Vinculo.Analytics;
using Vinculo.Common;
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
    /// <summary>Any other condition, edited as its JSON (custom fields, organizations, order stats, …).</summary>
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
