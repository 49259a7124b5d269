using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vinculo.Analytics;
using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Segments;

/// <summary>What the lifecycle page relies on: per-stage orders and recency, dirty marks on threshold changes, one segment per stage.</summary>
public sealed class LifecycleSegmentsTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 18, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Summary_counts_orders_and_average_recency_per_stage(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(Now));
        var rfm = new RfmService(new ScopedDbContextFactory(t.Database, new WorkspaceScope { WorkspaceId = t.Workspace.Id }), time);
        await using (var db = t.Open())
        {
            var prospect = new Contact { DisplayName = "prospect", CreatedAt = Now, UpdatedAt = Now };
            var recent = new Contact { DisplayName = "recent", CreatedAt = Now, UpdatedAt = Now };
            var alsoRecent = new Contact { DisplayName = "also recent", CreatedAt = Now, UpdatedAt = Now };
            var lapsed = new Contact { DisplayName = "lapsed", CreatedAt = Now, UpdatedAt = Now };
            db.AddRange(prospect, recent, alsoRecent, lapsed);
            db.AddRange(
                new Order { ContactId = recent.Id, OrderedAt = Now.AddDays(-10), Total = 100 },
                new Order { ContactId = recent.Id, OrderedAt = Now.AddDays(-40), Total = 50 },
                new Order { ContactId = alsoRecent.Id, OrderedAt = Now.AddDays(-30), Total = 20 },
                new Order { ContactId = alsoRecent.Id, OrderedAt = Now.AddDays(-5), Total = 20, IsCancelled = true },
                new Order { ContactId = lapsed.Id, OrderedAt = Now.AddDays(-120), Total = 70 });
            await db.SaveChangesAsync();
        }

        var summary = await rfm.SummarizeAsync();

        var fresh = summary.Clusters.Single(c => c.Stage == LifecycleStage.New);
        Assert.Equal((2L, 3L), (fresh.Contacts, fresh.Orders));
        Assert.Equal(1.5, fresh.AverageOrders, 6);
        // Last purchases 10 and 30 days ago (the cancelled order does not count).
        Assert.Equal(20.0, fresh.AverageDaysSinceLastPurchase!.Value, 3);
        var atRisk = summary.Clusters.Single(c => c.Stage == LifecycleStage.AtRisk);
        Assert.Equal((1L, 1L, 70m), (atRisk.Contacts, atRisk.Orders, atRisk.Spent));
        Assert.Equal(120.0, atRisk.AverageDaysSinceLastPurchase!.Value, 3);
        var prospects = summary.Clusters.Single(c => c.Stage == LifecycleStage.Prospect);
        Assert.Equal((1L, 0L), (prospects.Contacts, prospects.Orders));
        Assert.Null(prospects.AverageDaysSinceLastPurchase);
        Assert.Null(summary.Clusters.Single(c => c.Stage == LifecycleStage.Lost).AverageDaysSinceLastPurchase);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changed_thresholds_mark_lifecycle_segments_dirty_and_a_repeat_does_not(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(Now));
        var factory = new ScopedDbContextFactory(t.Database, new WorkspaceScope { WorkspaceId = t.Workspace.Id });
        var rfm = new RfmService(factory, time);
        var refresher = new SegmentRefresher(factory, time);
        var stageSegments = new LifecycleSegments(new SegmentService(factory, time), refresher);
        var loyal = (await stageSegments.EnsureAsync(LifecycleStage.Loyal, "Clientes leales", null)).Segment;

        async Task<bool> DirtyAsync()
        {
            await using var db = t.Open();
            return await db.Set<Segment>().Where(s => s.Id == loyal.Id).Select(s => s.IsDirty).SingleAsync();
        }

        Assert.False(await DirtyAsync());
        await rfm.SaveThresholdsAsync(new RfmThresholds { AtRiskAfterDays = 60, LostAfterDays = 300, LoyalMinOrders = 2 });
        Assert.True(await DirtyAsync());

        await refresher.RefreshAsync(loyal.Id);
        await rfm.SaveThresholdsAsync(new RfmThresholds { AtRiskAfterDays = 60, LostAfterDays = 300, LoyalMinOrders = 2 });
        Assert.False(await DirtyAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stage_gets_one_segment_found_again_by_its_definition(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(Now));
        var factory = new ScopedDbContextFactory(t.Database, new WorkspaceScope { WorkspaceId = t.Workspace.Id });
        var segments = new SegmentService(factory, time);
        var stageSegments = new LifecycleSegments(segments, new SegmentRefresher(factory, time));
        await using (var db = t.Open())
        {
            var buyer = new Contact { DisplayName = "buyer", CreatedAt = Now, UpdatedAt = Now };
            db.AddRange(buyer, new Contact { DisplayName = "prospect", CreatedAt = Now, UpdatedAt = Now });
            db.AddRange(Enumerable.Range(1, 3).Select(i => new Order { ContactId = buyer.Id, OrderedAt = Now.AddDays(-i), Total = 10 }));
            await db.SaveChangesAsync();
        }

        // Another segment already has the name; a hand-made segment of the bare condition is the stage's own.
        await segments.CreateAsync(new SegmentInput("Clientes leales", null, new SegmentDefinition { Root = new AgeCondition(Min: 18) }));
        var handMade = await segments.CreateAsync(new SegmentInput("Perdidos", null, new SegmentDefinition { Root = new LifecycleCondition(LifecycleStage.Lost) }));

        var first = await stageSegments.EnsureAsync(LifecycleStage.Loyal, "Clientes leales", "Etapa leal");
        var again = await stageSegments.EnsureAsync(LifecycleStage.Loyal, "Clientes leales", "Etapa leal");
        var lost = await stageSegments.EnsureAsync(LifecycleStage.Lost, "Clientes perdidos", null);

        Assert.True(first.Created);
        Assert.Equal("Clientes leales (2)", first.Segment.Name);
        Assert.Equal(LifecycleSegments.DefinitionOf(LifecycleStage.Loyal).ToJson(), first.Segment.Definition.ToJson());
        // Created with its members already materialized: the loyal buyer.
        Assert.Equal(1, first.Segment.MemberCount);
        Assert.False(first.Segment.IsDirty);
        Assert.False(again.Created);
        Assert.Equal(first.Segment.Id, again.Segment.Id);
        Assert.False(lost.Created);
        Assert.Equal(handMade.Id, lost.Segment.Id);
        Assert.Equal(3, (await segments.ListAsync()).Count);
    }
}
