using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Timeline;

public sealed class TimelineServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_repeated_idempotency_key_returns_the_first_event_and_writes_nothing(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contact = await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Ana" });
        var timeline = core.Get<TimelineService>();

        var first = await timeline.RecordAsync(new EventInput { Type = "web.page_viewed", ContactId = contact.Id, IdempotencyKey = "k1", Properties = new JsonObject { ["url"] = "/a" } });
        var again = await timeline.RecordAsync(new EventInput { Type = "web.page_viewed", ContactId = contact.Id, IdempotencyKey = "k1", Properties = new JsonObject { ["url"] = "/b" } });
        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Event.Id, again.Event.Id);
        Assert.Equal("/a", again.Event.Properties["url"]!.GetValue<string>());

        var batch = await timeline.RecordBatchAsync([
            new EventInput { Type = "email.opened", ContactId = contact.Id, IdempotencyKey = "k1" },
            new EventInput { Type = "email.opened", ContactId = contact.Id, IdempotencyKey = "k2" },
            new EventInput { Type = "email.opened", ContactId = contact.Id, IdempotencyKey = "k2" },
            new EventInput { Type = "email.clicked", ContactId = contact.Id },
        ]);
        Assert.Equal([false, true, false, true], batch.Items.Select(i => i.Created));
        Assert.Equal(batch.Items[1].Event.Id, batch.Items[2].Event.Id);
        await using var db = core.Open();
        Assert.Equal(3, await db.Set<Interaction>().CountAsync());
    }

    [Fact]
    public async Task New_events_and_orders_signal_the_segment_refresher_and_repeats_do_not()
    {
        await using var core = await CoreServices.CreateAsync(StorageProvider.Sqlite);
        var signals = core.Get<SegmentSignals>();
        var contact = await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Ana" });
        signals.Drain();

        await core.Get<TimelineService>().RecordAsync(new EventInput { Type = "email.opened", ContactId = contact.Id, IdempotencyKey = "s1" });
        var drained = Assert.Single(signals.Drain());
        Assert.Equal((core.Database.Workspace.Id, SegmentDependency.Events), drained);

        await core.Get<TimelineService>().RecordAsync(new EventInput { Type = "email.opened", ContactId = contact.Id, IdempotencyKey = "s1" });
        Assert.Empty(signals.Drain());

        await core.Get<OrderService>().CreateOrderAsync(new OrderInput
        {
            ContactId = contact.Id,
            Lines = [new OrderLineInput("MOCH-01", 1, 100m)],
        });
        Assert.True(Assert.Single(signals.Drain()).Kinds.HasFlag(SegmentDependency.Orders));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_batch_with_one_bad_event_writes_nothing_and_names_the_row(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contact = await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Ana" });
        var timeline = core.Get<TimelineService>();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => timeline.RecordBatchAsync([
            new EventInput { Type = "pos.ticket", ContactId = contact.Id, IdempotencyKey = "a" },
            new EventInput { Type = "Not A Type!", ContactId = contact.Id },
            new EventInput { Type = "pos.ticket", ContactId = Guid.NewGuid() },
        ]));
        Assert.Equal("events[1].type", Assert.Single(ex.Errors).Field);
        Assert.Equal(1, ex.Errors[0].Row);

        var missingContact = await Assert.ThrowsAsync<ValidationFailedException>(() => timeline.RecordBatchAsync([
            new EventInput { Type = "pos.ticket", ContactId = contact.Id, IdempotencyKey = "a" },
            new EventInput { Type = "pos.ticket", ContactId = Guid.NewGuid() },
        ]));
        Assert.Equal("events[1].contactId", Assert.Single(missingContact.Errors).Field);

        await using var db = core.Open();
        Assert.Equal(0, await db.Set<Interaction>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_timeline_is_newest_first_and_filters_by_type_channel_and_dates(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contact = await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Ana" });
        var timeline = core.Get<TimelineService>();
        var day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await timeline.RecordBatchAsync([
            new EventInput { Type = "email.sent", Channel = "email", ContactId = contact.Id, OccurredAt = day },
            new EventInput { Type = "email.opened", Channel = "email", ContactId = contact.Id, OccurredAt = day.AddDays(1) },
            new EventInput { Type = "pos.ticket", Channel = "pos", ContactId = contact.Id, OccurredAt = day.AddDays(2) },
            new EventInput { Type = "web.page_viewed", Channel = "web", ContactId = contact.Id, OccurredAt = day.AddDays(3) },
        ]);

        var all = await timeline.GetTimelineAsync(contact.Id);
        Assert.Equal(["web.page_viewed", "pos.ticket", "email.opened", "email.sent"], all.Items.Select(e => e.Type));
        Assert.Equal(["email.opened", "email.sent"], (await timeline.GetTimelineAsync(contact.Id, new TimelineQuery { Types = ["email.*"] })).Items.Select(e => e.Type));
        Assert.Equal(["pos.ticket", "email.sent"], (await timeline.GetTimelineAsync(contact.Id, new TimelineQuery { Types = ["email.sent", "pos.ticket"] })).Items.Select(e => e.Type));
        Assert.Equal(["pos.ticket"], (await timeline.GetTimelineAsync(contact.Id, new TimelineQuery { Channel = "POS" })).Items.Select(e => e.Type));
        Assert.Equal(["pos.ticket", "email.opened"], (await timeline.GetTimelineAsync(contact.Id, new TimelineQuery { From = day.AddDays(1), To = day.AddDays(3) })).Items.Select(e => e.Type));
        await Assert.ThrowsAsync<NotFoundException>(() => timeline.GetTimelineAsync(Guid.NewGuid()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_senders_of_the_same_key_get_one_event(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contact = await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Ana" });
        var timeline = core.Get<TimelineService>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => timeline.RecordBatchAsync([
            new EventInput { Type = "webhook.delivered", ContactId = contact.Id, IdempotencyKey = "same" },
            new EventInput { Type = "webhook.delivered", ContactId = contact.Id, IdempotencyKey = $"own-{n}" },
        ]))));

        Assert.Single(results.Select(r => r.Items[0].Event.Id).Distinct());
        Assert.Equal(1, results.Count(r => r.Items[0].Created));
        await using var db = core.Open();
        Assert.Equal(9, await db.Set<Interaction>().CountAsync());
    }
}
