using System.Globalization;
using System.Resources;
using Vinculo.App.Components.Audit;
using Vinculo.App.Resources;
using Vinculo.Audit;

namespace Vinculo.App.Tests.Audit;

public sealed class AuditTextsTests
{
    private static readonly ResourceManager Resources = new("Vinculo.App.Resources.AuditStrings", typeof(AuditStrings).Assembly);

    [Fact]
    public void Every_audit_text_has_an_english_translation_and_every_offered_action_a_label()
    {
        var spanish = Keys(CultureInfo.InvariantCulture);
        Assert.Equal(spanish, Keys(new CultureInfo("en")));
        Assert.All(AuditText.KnownActions, a => Assert.Contains("Action_" + a, spanish));
        Assert.All(Enum.GetValues<AuditActionGroup>(), g => Assert.Contains("Group_" + g, spanish));
        // Every offered action falls in a group, so the group filters cover the log.
        Assert.All(AuditText.KnownActions, a => Assert.NotNull(AuditActions.GroupOf(a)));
    }

    [Fact]
    public void Details_read_as_key_value_pairs_with_accents_and_filters_use_local_days()
    {
        Assert.Equal("name: Tienda en línea · role: Agent · fields: [\"givenNames\"]",
            AuditText.Details("{\"name\":\"Tienda en l\\u00EDnea\",\"role\":\"Agent\",\"skip\":null,\"fields\":[\"givenNames\"]}"));
        Assert.Equal("not json", AuditText.Details("not json"));

        var mexico = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");
        var query = AuditText.Query(" ana@marca.mx ", "group:Users", null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), mexico);
        Assert.Equal("ana@marca.mx", query.Actor);
        Assert.Equal(AuditActionGroup.Users, query.Group);
        Assert.Null(query.Action);
        Assert.Equal(new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc), query.FromUtc);
        Assert.Equal(new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc), query.ToUtc);
        Assert.Equal("user.added", AuditText.Query(null, "user.added", null, null, null, mexico).Action);
    }

    private static SortedSet<string> Keys(CultureInfo culture) =>
        [.. (Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"no {culture.Name} texts"))
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];
}
