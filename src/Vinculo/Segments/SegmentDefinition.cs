using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vinculo.Segments;

/// <summary>
/// What a segment is, as stored JSON: a schema version and one root condition (usually a group).
/// The schema version lets later releases read older definitions; segment revisions keep history.
/// </summary>
public sealed record SegmentDefinition
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required Condition Root { get; init; }

    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a stored or posted definition; malformed JSON becomes a validation error on "definition".</summary>
    public static SegmentDefinition Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SegmentDefinition>(json, Json)
                ?? throw new Common.ValidationFailedException("definition", "is empty");
        }
        catch (JsonException e)
        {
            throw new Common.ValidationFailedException("definition" + (e.Path is { Length: > 1 } p ? p[1..] : ""), "is not a valid segment definition: " + e.Message);
        }
        catch (NotSupportedException e)
        {
            throw new Common.ValidationFailedException("definition", "is not a valid segment definition: " + e.Message);
        }
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            AllowOutOfOrderMetadataProperties = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}

/// <summary>One node of a segment definition; "kind" names the concrete type in JSON.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AllOf), "and")]
[JsonDerivedType(typeof(AnyOf), "or")]
[JsonDerivedType(typeof(Not), "not")]
[JsonDerivedType(typeof(AttributeCondition), "attribute")]
[JsonDerivedType(typeof(CustomFieldCondition), "custom_field")]
[JsonDerivedType(typeof(AgeCondition), "age")]
[JsonDerivedType(typeof(BirthdayCondition), "birthday")]
[JsonDerivedType(typeof(AgeGroupCondition), "age_group")]
[JsonDerivedType(typeof(HasChildrenCondition), "has_children")]
[JsonDerivedType(typeof(OrganizationCondition), "organization")]
[JsonDerivedType(typeof(PurchaseCondition), "purchase")]
[JsonDerivedType(typeof(OrderStatsCondition), "order_stats")]
[JsonDerivedType(typeof(LastPurchaseCondition), "last_purchase")]
[JsonDerivedType(typeof(EventCondition), "event")]
[JsonDerivedType(typeof(ConsentCondition), "consent")]
[JsonDerivedType(typeof(TagCondition), "tag")]
[JsonDerivedType(typeof(SocialCondition), "social")]
[JsonDerivedType(typeof(LifecycleCondition), "lifecycle")]
[JsonDerivedType(typeof(SegmentMembershipCondition), "segment")]
public abstract record Condition;

/// <summary>Every inner condition holds.</summary>
public sealed record AllOf(List<Condition> Conditions) : Condition;

/// <summary>At least one inner condition holds.</summary>
public sealed record AnyOf(List<Condition> Conditions) : Condition;

public sealed record Not(Condition Condition) : Condition;

public enum TextOperator
{
    Eq,
    Neq,
    In,
    Contains,
    StartsWith,
    IsSet,
    IsNotSet,
}

public enum CompareOperator
{
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
}

/// <summary>A built-in contact field (name, gender, locale, external id) or the primary address (state, city, postal code, country).</summary>
public sealed record AttributeCondition(string Field, TextOperator Op, [property: JsonConverter(typeof(LenientStringConverter))] string? Value = null, List<string>? Values = null) : Condition
{
    public static readonly IReadOnlyDictionary<string, string> ContactColumns = new Dictionary<string, string>
    {
        ["given_names"] = "given_names",
        ["paternal_surname"] = "paternal_surname",
        ["maternal_surname"] = "maternal_surname",
        ["display_name"] = "display_name",
        ["gender"] = "gender",
        ["locale"] = "locale",
        ["time_zone"] = "time_zone",
        ["external_id"] = "external_id",
    };

    public static readonly IReadOnlyDictionary<string, string> AddressColumns = new Dictionary<string, string>
    {
        ["state"] = "state",
        ["city"] = "city",
        ["neighborhood"] = "neighborhood",
        ["postal_code"] = "postal_code",
        ["country_code"] = "country_code",
    };
}

/// <summary>A custom field value; the operator must suit the field's type (numbers and dates compare, text matches).</summary>
public sealed record CustomFieldCondition(string Key, CompareOrTextOperator Op, [property: JsonConverter(typeof(LenientStringConverter))] string? Value = null, List<string>? Values = null) : Condition;

public enum CompareOrTextOperator
{
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Contains,
    IsSet,
    IsNotSet,
}

/// <summary>Age in whole years today (workspace time zone), inclusive bounds.</summary>
public sealed record AgeCondition(int? Min = null, int? Max = null) : Condition;

/// <summary>Birthday falls today or within the next N days.</summary>
public sealed record BirthdayCondition(int WithinDays) : Condition;

public enum AgeGroup
{
    Minor,
    Adult,
}

/// <summary>Minor or adult by the workspace's age of majority; contacts without a birth date are neither.</summary>
public sealed record AgeGroupCondition(AgeGroup Group) : Condition;

/// <summary>Is the active guardian of a child aged MinAge–MaxAge (inclusive).</summary>
public sealed record HasChildrenCondition(int? MinAge = null, int? MaxAge = null) : Condition;

/// <summary>Works at an organization (current membership) matching every given property.</summary>
public sealed record OrganizationCondition(string? Industry = null, List<Contacts.CompanySize>? Sizes = null, string? Role = null, bool? DecisionMaker = null) : Condition;

/// <summary>Bought (non-cancelled order) a product (SKU), any product of a category, or anything; optionally within the last N days.</summary>
public sealed record PurchaseCondition(string? Sku = null, string? Category = null, int? WithinDays = null) : Condition;

public enum OrderMetric
{
    Count,
    TotalSpent,
}

/// <summary>Order count or total spent (non-cancelled orders), over all time or the last N days.</summary>
public sealed record OrderStatsCondition(OrderMetric Metric, CompareOperator Op, decimal Value, int? WithinDays = null) : Condition;

/// <summary>Last purchase within the last N days, or (BeforeDays) bought before but not in the last N days.</summary>
public sealed record LastPurchaseCondition(int? WithinDays = null, int? BeforeDays = null) : Condition;

/// <summary>Timeline events of a type (e.g. "email.opened") counted in a window: Op/Count default to "at least 1".</summary>
public sealed record EventCondition(string Type, CompareOperator Op = CompareOperator.Gte, int Count = 1, int? WithinDays = null, string? Channel = null) : Condition;

public enum ConsentStateFilter
{
    Granted,
    Denied,
    Withdrawn,
    /// <summary>No consent record for that channel and purpose.</summary>
    Unknown,
}

/// <summary>Current consent (latest record) for a channel and purpose.</summary>
public sealed record ConsentCondition(string Channel, string Purpose, ConsentStateFilter Status = ConsentStateFilter.Granted) : Condition;

public enum TagMatch
{
    Any,
    All,
}

public sealed record TagCondition(List<string> Names, TagMatch Match = TagMatch.Any) : Condition;

/// <summary>Has a profile on a social network ("facebook", "instagram", "x", "tiktok", …).</summary>
public sealed record SocialCondition(string Network) : Condition;

/// <summary>RFM lifecycle stage (Analytics/RfmService): prospect, new, loyal, at risk, lost.</summary>
public sealed record LifecycleCondition(Analytics.LifecycleStage Stage) : Condition;

/// <summary>Matches another segment's definition (evaluated live, so no refresh ordering is needed).</summary>
public sealed record SegmentMembershipCondition(Guid SegmentId) : Condition;

/// <summary>Reads strings, numbers and booleans as text so a posted {"value": 3} works like "3".</summary>
public sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException("expected a string, number or boolean"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
