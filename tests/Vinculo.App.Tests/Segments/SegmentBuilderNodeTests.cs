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
    /// <summary>Every condition kind, every option the model has, bare and under NOT.</summary>
    public static TheoryData<string> FormConditions() =>
    [
        """{"kind":"age","min":25,"max":45}""",
        """{"kind":"age","max":17}""",
        """{"kind":"birthday","withinDays":0}""",
        """{"kind":"birthday","withinDays":30}""",
        """{"kind":"age_group","group":"minor"}""",
        """{"kind":"age_group","group":"adult"}""",
        """{"kind":"has_children","minAge":0,"maxAge":12}""",
        """{"kind":"has_children","minAge":13}""",
        """{"kind":"has_children","maxAge":5}""",
        """{"kind":"event","type":"email.opened","op":"gte","count":2,"withinDays":30}""",
        """{"kind":"event","type":"web.page_viewed","op":"gte","count":1,"channel":"web"}""",
        """{"kind":"event","type":"encuesta.respondida","op":"neq","count":0,"withinDays":7,"channel":"kiosko"}""",
        """{"kind":"event","type":"email.clicked","op":"lt","count":3}""",
        """{"kind":"purchase"}""",
        """{"kind":"purchase","sku":"MOCH-01","withinDays":90}""",
        """{"kind":"purchase","category":"Escolar"}""",
        """{"kind":"tag","names":["vip"],"match":"any"}""",
        """{"kind":"tag","names":["vip","newsletter"],"match":"all"}""",
        """{"kind":"lifecycle","stage":"at_risk"}""",
        """{"kind":"consent","channel":"whatsapp","purpose":"surveys","status":"withdrawn"}""",
        """{"kind":"consent","channel":"email","purpose":"marketing","status":"unknown"}""",
        """{"kind":"social","network":"instagram"}""",
        """{"kind":"social","network":"mastodon"}""",
        """{"kind":"attribute","field":"gender","op":"eq","value":"F"}""",
        """{"kind":"attribute","field":"city","op":"neq","value":"Monterrey"}""",
        """{"kind":"attribute","field":"state","op":"in","values":["Jalisco","Nuevo León"]}""",
        """{"kind":"attribute","field":"display_name","op":"contains","value":"López"}""",
        """{"kind":"attribute","field":"postal_code","op":"starts_with","value":"03"}""",
        """{"kind":"attribute","field":"external_id","op":"is_set"}""",
        """{"kind":"attribute","field":"locale","op":"is_not_set"}""",
        """{"kind":"custom_field","key":"nivel","op":"gte","value":"3"}""",
        """{"kind":"custom_field","key":"nivel","op":"in","values":["1","2.5"]}""",
        """{"kind":"custom_field","key":"color","op":"in","values":["rojo","azul"]}""",
        """{"kind":"custom_field","key":"apodo","op":"lt","value":"m"}""",
        """{"kind":"custom_field","key":"suscrito","op":"is_not_set"}""",
        """{"kind":"organization","industry":"Retail","sizes":["small","medium"],"role":"Compras","decisionMaker":true}""",
        """{"kind":"organization","decisionMaker":false}""",
        """{"kind":"organization","sizes":["enterprise"]}""",
        """{"kind":"order_stats","metric":"total_spent","op":"gte","value":1500.5,"withinDays":90}""",
        """{"kind":"order_stats","metric":"count","op":"lt","value":2}""",
        """{"kind":"order_stats","metric":"count","op":"neq","value":1}""",
        """{"kind":"last_purchase","withinDays":30}""",
        """{"kind":"last_purchase","beforeDays":180}""",
        """{"kind":"segment","segmentId":"6f1c2a3e-0000-4000-8000-000000000001"}""",
        """{"kind":"not","condition":{"kind":"order_stats","metric":"count","op":"gte","value":1}}""",
        """{"kind":"not","condition":{"kind":"has_children","minAge":0,"maxAge":12}}""",
        """{"kind":"not","condition":{"kind":"event","type":"email.clicked","op":"gte","count":1,"withinDays":30,"channel":"email"}}""",
        """{"kind":"not","condition":{"kind":"tag","names":["vip","kids-club"],"match":"all"}}""",
        """{"kind":"not","condition":{"kind":"attribute","field":"country_code","op":"in","values":["MX"]}}""",
        """{"kind":"not","condition":{"kind":"organization","decisionMaker":false}}""",
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
    public void Every_condition_kind_of_the_model_has_form_fields()
    {
        var kinds = typeof(Condition).GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute), false)
            .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().Select(a => (string)a.TypeDiscriminator!);
        var covered = ((IEnumerable<object[]>)FormConditions()).Select(row => System.Text.Json.Nodes.JsonNode.Parse((string)row[0])!["kind"]!.GetValue<string>()).ToHashSet();
        Assert.Empty(kinds.Except(["and", "or"]).Except(covered));
    }

    [Fact]
    public void Nested_groups_under_not_round_trip_with_every_leaf_in_the_form()
    {
        var definition = SegmentDefinition.Parse("""
            {"version":1,"root":{"kind":"and","conditions":[
              {"kind":"has_children","minAge":0,"maxAge":12},
              {"kind":"not","condition":{"kind":"or","conditions":[
                {"kind":"event","type":"email.opened","op":"gte","count":2,"withinDays":30,"channel":"email"},
                {"kind":"not","condition":{"kind":"tag","names":["vip","newsletter"],"match":"all"}}]}}]}}
            """);
        var root = BuilderNode.From(definition.Root);

        Assert.Equal(definition.ToJson(), root.ToDefinition().ToJson());
        Assert.True(root.Children[1].Negate);
        Assert.All(root.Children[1].Children.Append(root.Children[0]), c => Assert.NotEqual(BuilderKind.Json, c.Kind));
    }

    public static TheoryData<string> JsonOnlyConditions() =>
    [
        // Two NOTs, lists whose values hold the separator, values the operator ignores, an invalid window pair.
        """{"kind":"not","condition":{"kind":"not","condition":{"kind":"age","min":18}}}""",
        """{"kind":"attribute","field":"city","op":"in","values":["Ciudad de México, CDMX"]}""",
        """{"kind":"attribute","field":"city","op":"eq","value":"León","values":["Puebla"]}""",
        """{"kind":"custom_field","key":"nivel","op":"is_set","value":"3"}""",
        """{"kind":"event","type":" email.opened","op":"gte","count":1}""",
        """{"kind":"last_purchase","withinDays":30,"beforeDays":90}""",
    ];

    [Theory]
    [MemberData(nameof(JsonOnlyConditions))]
    public void Conditions_the_form_cannot_state_exactly_stay_as_json_and_round_trip(string json)
    {
        var condition = JsonSerializer.Deserialize<Condition>(json, SegmentDefinition.Json)!;
        var node = BuilderNode.From(condition);

        Assert.Equal(BuilderKind.Json, node.Kind);
        Assert.Equal(Canonical(condition), Canonical(node.ToCondition("p")));
    }

    [Fact]
    public void Switching_a_leaf_to_json_keeps_its_condition_and_its_not()
    {
        var condition = new Not(new EventCondition("email.clicked", CompareOperator.Gte, 1, 30, "email"));
        var node = BuilderNode.From(condition);

        node.EditAsJson();

        Assert.Equal(BuilderKind.Json, node.Kind);
        Assert.False(node.Negate);
        Assert.Equal(Canonical(condition), Canonical(node.ToCondition("p")));
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
                var node = new BuilderNode { Kind = BuilderKind.CustomField, Text = key, FieldOp = op, Text2 = values[type], Values = [values[type]] };
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
            .Concat(Enum.GetNames<TextOperator>().Select(o => "Op" + o))
            .Concat(AttributeCondition.ContactColumns.Keys.Concat(AttributeCondition.AddressColumns.Keys).Select(f => "Attribute_" + f))
            .Concat(BuilderChoices.ConsentChannels.Select(c => "ConsentChannel_" + c))
            .Concat(BuilderChoices.ConsentPurposes.Select(p => "Purpose_" + p))
            .Concat(BuilderChoices.Networks.Select(n => "Network_" + n))
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
