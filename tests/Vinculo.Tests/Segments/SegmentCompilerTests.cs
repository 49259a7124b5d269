using Vinculo.Analytics;
using Vinculo.Contacts;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Segments;

public sealed class SegmentCompilerTests
{
    private static string[] N(params string[] names) => [.. names.Order()];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_condition_kind_selects_exactly_the_expected_contacts(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var s = await SegmentSeed.CreateAsync(t);

        // Contact attributes and the primary address.
        Assert.Equal(N("Ana"), await s.NamesAsync(new AttributeCondition("gender", TextOperator.Eq, "F")));
        Assert.Equal(N("Carla", "Dario", "Eva", "Fer"), await s.NamesAsync(new AttributeCondition("gender", TextOperator.IsNotSet)));
        Assert.Equal(N("Carla", "Dario"), await s.NamesAsync(new AttributeCondition("display_name", TextOperator.Contains, "AR")));
        Assert.Equal(N("Ana", "Beto"), await s.NamesAsync(new AttributeCondition("gender", TextOperator.In, Values: ["F", "M"])));
        Assert.Equal(N("Ana"), await s.NamesAsync(new AttributeCondition("state", TextOperator.Eq, "Jalisco")));
        Assert.Equal(N("Beto", "Carla", "Dario", "Eva", "Fer"), await s.NamesAsync(new AttributeCondition("state", TextOperator.IsNotSet)));

        // Custom fields by type.
        Assert.Equal(N("Ana"), await s.NamesAsync(new CustomFieldCondition("puntos", CompareOrTextOperator.Gte, "100")));
        Assert.Equal(N("Ana"), await s.NamesAsync(new CustomFieldCondition("puntos", CompareOrTextOperator.Neq, "50")));
        Assert.Equal(N("Ana", "Beto"), await s.NamesAsync(new CustomFieldCondition("puntos", CompareOrTextOperator.IsSet)));
        Assert.Equal(N("Ana"), await s.NamesAsync(new CustomFieldCondition("vip", CompareOrTextOperator.Eq, "true")));
        Assert.Equal(N("Beto"), await s.NamesAsync(new CustomFieldCondition("vip", CompareOrTextOperator.Eq, "false")));
        Assert.Equal(N("Ana"), await s.NamesAsync(new CustomFieldCondition("intereses", CompareOrTextOperator.Contains, "cine")));
        Assert.Equal(N("Ana"), await s.NamesAsync(new CustomFieldCondition("talla", CompareOrTextOperator.Eq, "M")));
        Assert.Equal(N("Ana"), await s.NamesAsync(new CustomFieldCondition("alta", CompareOrTextOperator.Lt, "2025-01-01")));

        // Age, birthday, minor/adult, children.
        Assert.Equal(N("Ana", "Beto"), await s.NamesAsync(new AgeCondition(25, 45)));
        Assert.Equal(N("Dario"), await s.NamesAsync(new AgeCondition(Min: 46)));
        Assert.Equal(N("Beto"), await s.NamesAsync(new BirthdayCondition(7)));
        Assert.Equal(N("Beto", "Dario"), await s.NamesAsync(new BirthdayCondition(40)));
        Assert.Equal(N("Carla", "Eva"), await s.NamesAsync(new AgeGroupCondition(AgeGroup.Minor)));
        Assert.Equal(N("Ana", "Beto", "Dario"), await s.NamesAsync(new AgeGroupCondition(AgeGroup.Adult)));
        Assert.Equal(N("Dario"), await s.NamesAsync(new HasChildrenCondition(5, 10)));
        Assert.Equal(N("Dario"), await s.NamesAsync(new HasChildrenCondition(15, 17)));
        Assert.Empty(await s.NamesAsync(new HasChildrenCondition(0, 3)));

        // Organization.
        Assert.Equal(N("Dario"), await s.NamesAsync(new OrganizationCondition(Industry: "retail", Role: "compras", DecisionMaker: true)));
        Assert.Empty(await s.NamesAsync(new OrganizationCondition(Sizes: [CompanySize.Small])));

        // Orders.
        Assert.Equal(N("Fer"), await s.NamesAsync(new PurchaseCondition(Sku: "TEN-01")));
        Assert.Equal(N("Fer"), await s.NamesAsync(new PurchaseCondition(Category: "Tenis", WithinDays: 30)));
        Assert.Equal(N("Ana", "Fer"), await s.NamesAsync(new PurchaseCondition(WithinDays: 30)));
        Assert.Equal(N("Ana"), await s.NamesAsync(new OrderStatsCondition(OrderMetric.Count, CompareOperator.Gte, 3)));
        Assert.Equal(N("Carla", "Eva"), await s.NamesAsync(new OrderStatsCondition(OrderMetric.Count, CompareOperator.Eq, 0)));
        Assert.Equal(N("Carla", "Eva", "Fer"), await s.NamesAsync(new OrderStatsCondition(OrderMetric.TotalSpent, CompareOperator.Lt, 150)));
        Assert.Equal(N("Ana", "Dario"), await s.NamesAsync(new OrderStatsCondition(OrderMetric.TotalSpent, CompareOperator.Gte, 800)));
        Assert.Equal(N("Ana", "Fer"), await s.NamesAsync(new LastPurchaseCondition(WithinDays: 30)));
        Assert.Equal(N("Beto", "Dario"), await s.NamesAsync(new LastPurchaseCondition(BeforeDays: 90)));

        // Events counted in a window, and their absence.
        Assert.Equal(N("Ana"), await s.NamesAsync(new EventCondition("email.opened", CompareOperator.Gte, 2, 30)));
        Assert.Equal(N("Ana", "Beto"), await s.NamesAsync(new EventCondition("email.opened")));
        Assert.Equal(N("Beto"), await s.NamesAsync(new EventCondition("email.opened", CompareOperator.Eq, 1, 30)));
        Assert.Equal(N("Beto", "Carla", "Dario", "Eva", "Fer"), await s.NamesAsync(new EventCondition("email.opened", CompareOperator.Lt, 2, 30)));
        Assert.Equal(N("Beto", "Carla", "Dario", "Eva", "Fer"), await s.NamesAsync(new Not(new EventCondition("email.clicked"))));
        Assert.Equal(N("Fer"), await s.NamesAsync(new EventCondition("sms.clicked", Channel: "sms")));

        // Current consent per channel and purpose: the latest ledger entry decides.
        Assert.Equal(N("Beto"), await s.NamesAsync(new ConsentCondition("email", "marketing")));
        Assert.Equal(N("Ana"), await s.NamesAsync(new ConsentCondition("email", "marketing", ConsentStateFilter.Withdrawn)));
        Assert.Equal(N("Carla", "Dario", "Eva", "Fer"), await s.NamesAsync(new ConsentCondition("email", "marketing", ConsentStateFilter.Unknown)));
        Assert.Equal(N("Dario"), await s.NamesAsync(new ConsentCondition("sms", "marketing")));

        // Tags, social presence.
        Assert.Equal(N("Ana"), await s.NamesAsync(new TagCondition(["vip"])));
        Assert.Equal(N("Ana", "Dario"), await s.NamesAsync(new TagCondition(["vip", "mayoreo"])));
        Assert.Equal(N("Ana"), await s.NamesAsync(new TagCondition(["vip", "mayoreo"], TagMatch.All)));
        Assert.Equal(N("Ana"), await s.NamesAsync(new SocialCondition("Instagram")));
        Assert.Empty(await s.NamesAsync(new SocialCondition("tiktok")));

        // Lifecycle clusters.
        Assert.Equal(N("Carla", "Eva"), await s.NamesAsync(new LifecycleCondition(LifecycleStage.Prospect)));
        Assert.Equal(N("Fer"), await s.NamesAsync(new LifecycleCondition(LifecycleStage.New)));
        Assert.Equal(N("Ana"), await s.NamesAsync(new LifecycleCondition(LifecycleStage.Loyal)));
        Assert.Equal(N("Beto"), await s.NamesAsync(new LifecycleCondition(LifecycleStage.AtRisk)));
        Assert.Equal(N("Dario"), await s.NamesAsync(new LifecycleCondition(LifecycleStage.Lost)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Nested_groups_negation_and_other_segments_combine_exactly(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var s = await SegmentSeed.CreateAsync(t);

        // (age 25–45 AND NOT tag vip) OR lost.
        Assert.Equal(N("Beto", "Dario"), await s.NamesAsync(new AnyOf([
            new AllOf([new AgeCondition(25, 45), new Not(new TagCondition(["vip"]))]),
            new LifecycleCondition(LifecycleStage.Lost)])));
        // NOT is an exact complement even where values are missing (Fer has no birth date).
        Assert.Equal(N("Ana", "Beto", "Dario", "Fer"), await s.NamesAsync(new Not(new AnyOf([new AgeGroupCondition(AgeGroup.Minor), new LifecycleCondition(LifecycleStage.Prospect)]))));
        Assert.Equal(N("Carla", "Dario", "Eva", "Fer"), await s.NamesAsync(new Not(new AgeCondition(25, 45))));
        Assert.Equal(N("Ana", "Beto", "Carla", "Dario", "Eva", "Fer"), await s.NamesAsync(new AnyOf([new AgeCondition(25, 45), new Not(new AgeCondition(25, 45))])));
        Assert.Empty(await s.NamesAsync(new Not(new Not(new AllOf([new AgeCondition(25, 45), new AgeGroupCondition(AgeGroup.Minor)])))));

        // The bench's three conditions: age 25–45, opened ≥ 2 emails in 30 days, not bought in 90 days.
        Assert.Empty(await s.NamesAsync(new AllOf([new AgeCondition(25, 45), new EventCondition("email.opened", CompareOperator.Gte, 2, 30), new Not(new PurchaseCondition(WithinDays: 90))])));
        Assert.Equal(N("Ana"), await s.NamesAsync(new AllOf([new AgeCondition(25, 45), new EventCondition("email.opened", CompareOperator.Gte, 2, 30), new Not(new PurchaseCondition(Category: "Tenis"))])));

        var minors = await s.Segments.CreateAsync(new SegmentInput("Menores", null, new SegmentDefinition { Root = new AgeGroupCondition(AgeGroup.Minor) }));
        Assert.Equal(N("Carla", "Eva"), await s.NamesAsync(new AllOf([new SegmentMembershipCondition(minors.Id), new OrderStatsCondition(OrderMetric.Count, CompareOperator.Eq, 0)])));
        Assert.Equal(N("Ana", "Beto", "Dario", "Fer"), await s.NamesAsync(new Not(new SegmentMembershipCondition(minors.Id))));
    }
}
