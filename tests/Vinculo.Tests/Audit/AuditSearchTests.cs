using Vinculo.Audit;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Audit;

/// <summary>The audit page's queries: newest first, filters by actor, action, group, contact and dates, paging.</summary>
public sealed class AuditSearchTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Filters_combine_and_pages_run_newest_first(StorageProvider provider)
    {
        await using var h = await CoreServices.CreateAsync(provider);
        var log = h.Get<AuditLog>();
        var actor = h.Get<AuditActor>();
        var ana = Guid.NewGuid();
        var beto = Guid.NewGuid();
        var start = h.Time.GetUtcNow().UtcDateTime;

        actor.Name = "maria@marca.mx";
        await log.RecordAsync("contact.read", ana, "Contact", ana);
        h.Time.Advance(TimeSpan.FromHours(1));
        await log.RecordAsync("consent.withdrawn", ana, "ConsentRecord", Guid.NewGuid());
        h.Time.Advance(TimeSpan.FromHours(1));
        actor.Name = "pos-key";
        await log.RecordAsync("contact.timeline.read", beto, "Contact", beto);
        h.Time.Advance(TimeSpan.FromHours(1));
        await log.RecordAsync("privacy.exported", beto, "Contact", beto);
        h.Time.Advance(TimeSpan.FromHours(1));
        actor.Name = "maria@marca.mx";
        await log.RecordAsync(AuditActions.ApiKeyCreated, null, "ApiKey", Guid.NewGuid(), new { name = "pos-key", prefix = "vk_abc" });
        await log.RecordAsync(AuditActions.UserAdded, null, "User", Guid.NewGuid());
        await log.RecordAsync(AuditActions.SegmentCreated, null, "Segment", Guid.NewGuid());

        var search = h.Get<AuditSearch>();
        var all = await search.SearchAsync(new AuditQuery(), 1, 50);
        Assert.Equal(7, all.Total);
        Assert.False(all.MoreThanTotal);
        // Same instant: the later sequence first.
        Assert.Equal([AuditActions.SegmentCreated, AuditActions.UserAdded, AuditActions.ApiKeyCreated, "privacy.exported", "contact.timeline.read", "consent.withdrawn", "contact.read"],
            all.Items.Select(e => e.Action));

        async Task<string[]> Actions(AuditQuery q) => [.. (await search.SearchAsync(q, 1, 50)).Items.Select(e => e.Action)];

        Assert.Equal(["privacy.exported", "contact.timeline.read", "contact.read"], await Actions(new AuditQuery(Group: AuditActionGroup.ContactsRead)));
        Assert.Equal(["consent.withdrawn"], await Actions(new AuditQuery(Group: AuditActionGroup.ContactsChanged)));
        Assert.Equal([AuditActions.UserAdded], await Actions(new AuditQuery(Group: AuditActionGroup.Users)));
        Assert.Equal([AuditActions.ApiKeyCreated], await Actions(new AuditQuery(Group: AuditActionGroup.ApiKeys)));
        Assert.Equal([AuditActions.SegmentCreated], await Actions(new AuditQuery(Group: AuditActionGroup.Settings)));
        Assert.Equal(["privacy.exported", "contact.timeline.read"], await Actions(new AuditQuery(Actor: "pos-key")));
        Assert.Equal(["consent.withdrawn", "contact.read"], await Actions(new AuditQuery(ContactId: ana)));
        Assert.Equal(["contact.read"], await Actions(new AuditQuery(Actor: "maria@marca.mx", ContactId: ana, Action: "contact.read")));
        // From inclusive, to exclusive.
        Assert.Equal(["contact.timeline.read", "consent.withdrawn"], await Actions(new AuditQuery(FromUtc: start.AddHours(1), ToUtc: start.AddHours(3))));

        var second = await search.SearchAsync(new AuditQuery(), 2, 3);
        Assert.Equal(["privacy.exported", "contact.timeline.read", "consent.withdrawn"], second.Items.Select(e => e.Action));
        Assert.Equal(7, second.Total);

        var streamed = new List<string>();
        await foreach (var e in search.StreamAsync(new AuditQuery(Actor: "maria@marca.mx")))
        {
            streamed.Add(e.Action);
        }

        Assert.Equal([AuditActions.SegmentCreated, AuditActions.UserAdded, AuditActions.ApiKeyCreated, "consent.withdrawn", "contact.read"], streamed);
        Assert.Equal(["privacy.exported", "contact.timeline.read"], (await search.ForContactAsync(beto)).Select(e => e.Action));
        Assert.Equal(["maria@marca.mx", "pos-key"], await search.RecentActorsAsync());
    }
}
