using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Segments;

public sealed class SegmentMembershipTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refresh_records_entries_and_exits_once_and_is_idempotent(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var s = await SegmentSeed.CreateAsync(t);
        var vip = await s.Segments.CreateAsync(new SegmentInput("VIP", null, new SegmentDefinition { Root = new TagCondition(["vip"]) }));
        Assert.True(vip.IsDirty);

        var first = await s.Refresher.RefreshAsync(vip.Id);
        Assert.Equal((1, 0, 1), (first.Entered, first.Exited, first.Members));
        var again = await s.Refresher.RefreshAsync(vip.Id);
        Assert.Equal((0, 0, 1), (again.Entered, again.Exited, again.Members));
        Assert.Equal(1, await CountEventsAsync(t, SegmentRefresher.EnteredEvent));

        // Ana loses the tag, Beto gains it; the tag change marks the segment dirty.
        s.Time.Advance(TimeSpan.FromHours(1));
        await using (var db = t.Open())
        {
            db.Remove(await db.Set<ContactTag>().SingleAsync(x => x.ContactId == s.Ids["Ana"] && x.Name == "vip"));
            db.Add(new ContactTag { ContactId = s.Ids["Beto"], Name = "vip" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await s.Refresher.MarkDirtyAsync(SegmentDependency.Orders));
        Assert.Equal(1, await s.Refresher.MarkDirtyAsync(SegmentDependency.Tags));
        var due = await s.Refresher.RefreshDueAsync(TimeSpan.FromDays(1));
        var second = Assert.Single(due);
        Assert.Equal((1, 1, 1), (second.Entered, second.Exited, second.Members));
        Assert.Empty(await s.Refresher.RefreshDueAsync(TimeSpan.FromDays(1)));

        // Ana comes back: a new stay opens, the old one stays closed as history.
        s.Time.Advance(TimeSpan.FromHours(1));
        await using (var db = t.Open())
        {
            db.Add(new ContactTag { ContactId = s.Ids["Ana"], Name = "vip" });
            await db.SaveChangesAsync();
        }

        var third = await s.Refresher.RefreshAsync(vip.Id);
        Assert.Equal((1, 0, 2), (third.Entered, third.Exited, third.Members));

        await using (var db = t.Open())
        {
            var anaStays = await db.Set<SegmentMembership>().Where(m => m.ContactId == s.Ids["Ana"]).OrderBy(m => m.EnteredAt).ToListAsync();
            Assert.Equal(2, anaStays.Count);
            Assert.Equal(SegmentSeed.Now, anaStays[0].EnteredAt);
            Assert.Equal(SegmentSeed.Now.AddHours(1), anaStays[0].ExitedAt);
            Assert.Equal(SegmentSeed.Now.AddHours(2), anaStays[1].EnteredAt);
            Assert.Null(anaStays[1].ExitedAt);

            var timeline = await db.Set<Interaction>().Where(i => i.ContactId == s.Ids["Ana"] && i.Source == "segments")
                .OrderBy(i => i.OccurredAt).ThenBy(i => i.Type).Select(i => new { i.Type, i.OccurredAt, i.Properties }).ToListAsync();
            Assert.Equal([SegmentRefresher.EnteredEvent, SegmentRefresher.ExitedEvent, SegmentRefresher.EnteredEvent], timeline.Select(e => e.Type));
            Assert.Contains(vip.Id.ToString(), timeline[0].Properties);
            var betoEvents = await db.Set<Interaction>().CountAsync(i => i.ContactId == s.Ids["Beto"] && i.Type == SegmentRefresher.EnteredEvent);
            Assert.Equal(1, betoEvents);
        }

        var members = await s.Segments.MembersAsync(vip.Id, 1, 10);
        Assert.Equal(2, members.Total);
        Assert.Equal("Ana", members.Items[0].DisplayName);
        var view = await s.Segments.GetAsync(vip.Id);
        Assert.False(view.IsDirty);
        Assert.Equal(2, view.MemberCount);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Definitions_are_versioned_and_referenced_segments_cannot_be_deleted(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var s = await SegmentSeed.CreateAsync(t);
        var adults = await s.Segments.CreateAsync(new SegmentInput("Adultos", null, new SegmentDefinition { Root = new AgeGroupCondition(AgeGroup.Adult) }));
        var buyers = await s.Segments.CreateAsync(new SegmentInput("Adultos compradores", null,
            new SegmentDefinition { Root = new AllOf([new SegmentMembershipCondition(adults.Id), new PurchaseCondition()]) }));
        Assert.Equal(SegmentDependency.ActiveContacts | SegmentDependency.Contacts | SegmentDependency.Time | SegmentDependency.Orders, buyers.DependsOn);

        var updated = await s.Segments.UpdateAsync(adults.Id, new SegmentInput("Adultos", "18+", new SegmentDefinition { Root = new AgeCondition(Min: 30) }));
        Assert.Equal(2, updated.Version);
        var revisions = await s.Segments.RevisionsAsync(adults.Id);
        Assert.Equal([1, 2], revisions.Select(r => r.Version));
        Assert.IsType<AgeGroupCondition>(revisions[0].Definition.Root);

        // A cycle through the other segment is refused with the path of the reference.
        var cycle = await Assert.ThrowsAsync<Common.ValidationFailedException>(() => s.Segments.UpdateAsync(adults.Id,
            new SegmentInput("Adultos", null, new SegmentDefinition { Root = new Not(new SegmentMembershipCondition(buyers.Id)) })));
        Assert.Equal("definition.root.condition.segmentId", Assert.Single(cycle.Errors).Field);

        await Assert.ThrowsAsync<Common.ConflictException>(() => s.Segments.DeleteAsync(adults.Id));
        await Assert.ThrowsAsync<Common.ConflictException>(() => s.Segments.CreateAsync(new SegmentInput("Adultos", null, new SegmentDefinition { Root = new AgeCondition(Min: 1) })));
        await s.Segments.DeleteAsync(buyers.Id);
        await s.Segments.DeleteAsync(adults.Id);
        Assert.Empty(await s.Segments.ListAsync());
    }

    private static async Task<int> CountEventsAsync(TestDatabase t, string type)
    {
        await using var db = t.Open();
        return await db.Set<Interaction>().CountAsync(i => i.Type == type);
    }
}
