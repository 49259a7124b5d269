using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Segments;

namespace Vinculo.Tests.Segments;

public sealed class SegmentValidationTests
{
    private static readonly Dictionary<string, CustomFieldType> Fields = new() { ["puntos"] = CustomFieldType.Number, ["vip"] = CustomFieldType.Boolean };

    private static IReadOnlyList<FieldError> Errors(SegmentDefinition definition)
    {
        var e = Assert.Throws<ValidationFailedException>(() => SegmentValidator.Validate(definition, Fields, new Dictionary<Guid, SegmentDefinition>()));
        return e.Errors;
    }

    [Fact]
    public void Errors_name_the_path_of_each_bad_condition()
    {
        var errors = Errors(new SegmentDefinition
        {
            Root = new AllOf([
                new AgeCondition(50, 40),
                new Not(new EventCondition("Email Opened", Count: -1)),
                new AnyOf([]),
                new AnyOf([new CustomFieldCondition("puntos", CompareOrTextOperator.Gte, "mucho"), new CustomFieldCondition("vip", CompareOrTextOperator.Gt, "true")]),
                new CustomFieldCondition("color", CompareOrTextOperator.Eq, "rojo"),
                new LastPurchaseCondition(),
                new SegmentMembershipCondition(Guid.NewGuid()),
            ]),
        });
        var fields = errors.Select(e => e.Field).ToList();
        Assert.Equal(
        [
            "definition.root.conditions[0]",
            "definition.root.conditions[1].condition.type",
            "definition.root.conditions[1].condition.count",
            "definition.root.conditions[2].conditions",
            "definition.root.conditions[3].conditions[0].value",
            "definition.root.conditions[3].conditions[1].op",
            "definition.root.conditions[4].key",
            "definition.root.conditions[5]",
            "definition.root.conditions[6].segmentId",
        ], fields);
    }

    [Fact]
    public void Json_round_trips_and_unknown_kinds_are_refused_with_a_path()
    {
        const string json = """
            {"version":1,"root":{"kind":"and","conditions":[
              {"kind":"age","min":25,"max":45},
              {"kind":"event","type":"email.opened","op":"gte","count":2,"withinDays":30},
              {"kind":"not","condition":{"kind":"purchase","withinDays":90}},
              {"kind":"custom_field","key":"puntos","op":"gte","value":100},
              {"kind":"lifecycle","stage":"at_risk"}]}}
            """;
        var definition = SegmentDefinition.Parse(json);
        var root = Assert.IsType<AllOf>(definition.Root);
        Assert.Equal(new EventCondition("email.opened", CompareOperator.Gte, 2, 30), root.Conditions[1]);
        Assert.Equal("100", Assert.IsType<CustomFieldCondition>(root.Conditions[3]).Value);
        Assert.Equal(Analytics.LifecycleStage.AtRisk, Assert.IsType<LifecycleCondition>(root.Conditions[4]).Stage);
        var again = SegmentDefinition.Parse(definition.ToJson());
        Assert.Equal(definition.ToJson(), again.ToJson());

        var bad = Assert.Throws<ValidationFailedException>(() => SegmentDefinition.Parse("""{"root":{"kind":"and","conditions":[{"kind":"horoscope"}]}}"""));
        Assert.StartsWith("definition", Assert.Single(bad.Errors).Field);
    }
}
