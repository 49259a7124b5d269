using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.Json;
using Vinculo.Analytics;
using Vinculo.App.Components.Segments;
using Vinculo.App.Resources;
using Vinculo.Contacts;
using Vinculo.Segments;

namespace Vinculo.App.Tests.Segments;

/// <summary>The builder's form model: conditions it has fields for survive the trip to the form and back.</summary>
public sealed class SegmentBuilderNodeTests
{
    public static TheoryData<string> FormConditions() =>
    [
        """{"kind":"custom_field","key":"nivel","op":"gte","value":"3"}""",
        """{"kind":"custom_field","key":"suscrito","op":"is_not_set"}""",
        """{"kind":"organization","industry":"Retail","sizes":["small","medium"],"role":"Compras","decisionMaker":true}""",
        """{"kind":"organization","sizes":["enterprise"]}""",
        """{"kind":"order_stats","metric":"total_spent","op":"gte","value":1500.5,"withinDays":90}""",
        """{"kind":"order_stats","metric":"count","op":"lt","value":2}""",
        """{"kind":"last_purchase","withinDays":30}""",
        """{"kind":"last_purchase","beforeDays":180}""",
        """{"kind":"segment","segmentId":"6f1c2a3e-0000-4000-8000-000000000001"}""",
        """{"kind":"not","condition":{"kind":"order_stats","metric":"count","op":"gte","value":1}}""",
    ];

    [Theory]
    [MemberData(nameof(FormConditions))]
    public void A_condition_with_form_fields_round_trips_through_the_form(string json)
    {
        var condition = JsonSerializer.Deserialize<Condition>(json, SegmentDefinition.Json)!;
        var node = BuilderNode.From(condition);

        Assert.NotEqual(BuilderKind.Json, node.Kind);
        Assert.Equal(Canonical(condition), Canonical(node.ToCondition("definition.root")));
    }

    [Fact]
    public void Conditions_without_form_fields_stay_as_json()
    {
        var inList = new CustomFieldCondition("nivel", CompareOrTextOperator.In, Values: ["1", "2"]);
        var bothWindows = new LastPurchaseCondition(WithinDays: 30, BeforeDays: 90);

        Assert.Equal(BuilderKind.Json, BuilderNode.From(inList).Kind);
        Assert.Equal(BuilderKind.Json, BuilderNode.From(bothWindows).Kind);
        Assert.Equal(Canonical(inList), Canonical(BuilderNode.From(inList).ToCondition("p")));
    }

    [Fact]
    public void Operators_offered_for_a_field_are_the_ones_the_engine_accepts()
    {
        var fields = new Dictionary<string, CustomFieldType>
        {
            ["n"] = CustomFieldType.Number,
            ["d"] = CustomFieldType.Date,
            ["b"] = CustomFieldType.Boolean,
            ["t"] = CustomFieldType.Text,
            ["c"] = CustomFieldType.Choice,
            ["m"] = CustomFieldType.MultiChoice,
        };
        var values = new Dictionary<CustomFieldType, string>
        {
            [CustomFieldType.Number] = "3",
            [CustomFieldType.Date] = "2026-01-31",
            [CustomFieldType.Boolean] = "true",
            [CustomFieldType.Text] = "oro",
            [CustomFieldType.Choice] = "oro",
            [CustomFieldType.MultiChoice] = "oro",
        };
        foreach (var (key, type) in fields)
        {
            foreach (var op in BuilderChoices.OperatorsFor(type))
            {
                var node = new BuilderNode { Kind = BuilderKind.CustomField, Text = key, FieldOp = op, Text2 = values[type] };
                var definition = new SegmentDefinition { Root = node.ToCondition("definition.root") };
                var error = Record.Exception(() => SegmentValidator.Validate(definition, fields, new Dictionary<Guid, SegmentDefinition>(), null));
                Assert.True(error is null, $"{type} {op}: {error?.Message}");
            }
        }
    }

    [Fact]
    public void Every_builder_text_exists_in_spanish_and_english()
    {
        var resources = new ResourceManager(typeof(SegmentStrings).FullName!, typeof(SegmentStrings).Assembly);
        var spanish = Keys(resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var english = Keys(resources.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!);
        Assert.Equal(spanish, english);
        foreach (var name in Enum.GetNames<BuilderKind>().Select(k => "Kind" + k)
            .Concat(Enum.GetNames<CompareOrTextOperator>().Select(o => "Op" + o))
            .Concat(Enum.GetNames<CompanySize>().Select(s => "Size" + s))
            .Concat(Enum.GetNames<OrderMetric>().Select(m => "Metric" + m))
            .Concat(Enum.GetNames<ConsentStateFilter>().Select(c => "Consent" + c))
            .Concat(Enum.GetNames<LifecycleStage>().Select(s => "Stage" + s)))
        {
            Assert.Contains(name, spanish);
        }

        var ui = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-MX");
            Assert.Equal("Total gastado", SegmentTexts.T("MetricTotalSpent"));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Total spent", SegmentTexts.T("MetricTotalSpent"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    private static SortedSet<string> Keys(ResourceSet set) =>
        new(set.Cast<DictionaryEntry>().Select(e => (string)e.Key), StringComparer.Ordinal);

    private static string Canonical(Condition condition) => JsonSerializer.Serialize(condition, SegmentDefinition.Json);
}
