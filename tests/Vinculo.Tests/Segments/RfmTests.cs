using Microsoft.Extensions.Time.Testing;
using Vinculo.Analytics;
using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Segments;

public sealed class RfmTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 18, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Stages_switch_exactly_at_their_thresholds_and_segments_agree(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(Now));
        var factory = new ScopedDbContextFactory(t.Database, new WorkspaceScope { WorkspaceId = t.Workspace.Id });
        var rfm = new RfmService(factory, time);
        var segments = new SegmentService(factory, time);
        var second = TimeSpan.FromSeconds(1);

        var expected = new Dictionary<string, LifecycleStage>();
        var orders = new List<Order>();
        var contacts = new List<Contact>();
        void Person(string name, LifecycleStage stage, params (TimeSpan Ago, decimal Total, bool Cancelled)[] bought)
        {
            var c = new Contact { DisplayName = name, CreatedAt = Now, UpdatedAt = Now };
            contacts.Add(c);
            expected[name] = stage;
            orders.AddRange(bought.Select(b => new Order { ContactId = c.Id, OrderedAt = Now - b.Ago, Total = b.Total, IsCancelled = b.Cancelled }));
        }

        var d90 = TimeSpan.FromDays(90);
        var d365 = TimeSpan.FromDays(365);
        Person("never", LifecycleStage.Prospect);
        Person("cancelled only", LifecycleStage.Prospect, (TimeSpan.FromDays(1), 500, true));
        Person("exactly 90 days", LifecycleStage.New, (d90, 100, false));
        Person("90 days and a second", LifecycleStage.AtRisk, (d90 + second, 100, false));
        Person("exactly 365 days", LifecycleStage.AtRisk, (d365, 100, false));
        Person("365 days and a second", LifecycleStage.Lost, (d365 + second, 100, false));
        Person("three recent", LifecycleStage.Loyal, (TimeSpan.FromDays(1), 10, false), (TimeSpan.FromDays(200), 10, false), (TimeSpan.FromDays(400), 10, false));
        Person("two recent", LifecycleStage.New, (TimeSpan.FromDays(1), 10, false), (TimeSpan.FromDays(2), 10, false), (TimeSpan.FromDays(3), 10, true));
        await using (var db = t.Open())
        {
            db.AddRange(contacts);
            db.AddRange(orders);
            await db.SaveChangesAsync();
        }

        await AssertStagesAsync(rfm, segments, expected);
        var summary = await rfm.SummarizeAsync();
        Assert.Equal(8, summary.Contacts);
        Assert.Equal(450m, summary.Spent);
        var loyal = summary.Clusters.Single(c => c.Stage == LifecycleStage.Loyal);
        Assert.Equal((1, 30m), (loyal.Contacts, loyal.Spent));
        Assert.Equal(30.0 / 450.0, loyal.SpendShare, 6);

        // Thresholds are per workspace: a spend floor makes "three recent" new; a shorter lost window moves a year-old buyer.
        await rfm.SaveThresholdsAsync(new RfmThresholds { AtRiskAfterDays = 90, LostAfterDays = 200, LoyalMinOrders = 3, LoyalMinSpent = 31 });
        expected["three recent"] = LifecycleStage.New;
        expected["exactly 365 days"] = LifecycleStage.Lost;
        await AssertStagesAsync(rfm, segments, expected);

        await Assert.ThrowsAsync<Common.ValidationFailedException>(() => rfm.SaveThresholdsAsync(new RfmThresholds { AtRiskAfterDays = 100, LostAfterDays = 50 }));
    }

    private static async Task AssertStagesAsync(RfmService rfm, SegmentService segments, Dictionary<string, LifecycleStage> expected)
    {
        var summary = await rfm.SummarizeAsync();
        foreach (var stage in Enum.GetValues<LifecycleStage>())
        {
            var names = expected.Where(e => e.Value == stage).Select(e => e.Key).Order().ToArray();
            var preview = await segments.PreviewAsync(new SegmentDefinition { Root = new LifecycleCondition(stage) }, 100);
            Assert.Equal(names, preview.Sample.Select(s => s.DisplayName).Order().ToArray());
            Assert.Equal(names.Length, summary.Clusters.Single(c => c.Stage == stage).Contacts);
        }
    }
}
