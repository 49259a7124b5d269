using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vinculo.Contacts;
using Vinculo.Demo;
using Vinculo.Families;
using Vinculo.Ingestion.Normalization;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.Tests.Demo;

public sealed class DemoSeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
    private static readonly DemoOptions Small = new() { People = 400, Organizations = 15, Seed = 7 };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seeds_the_demo_workspace_once_with_families_valid_phones_and_a_year_of_activity(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);
        var seeder = new DemoSeeder(t.Database, clock);

        var summary = await seeder.SeedAsync(Small);

        Assert.True(summary.Created);
        await using (var db = t.Database.Open(summary.WorkspaceId))
        {
            var workspace = await db.Set<Workspace>().SingleAsync(w => w.Id == summary.WorkspaceId);
            Assert.Equal(("Demo", "demo", 18), (workspace.Name, workspace.Slug, workspace.AgeOfMajority));
            Assert.Equal(400, await db.Set<Contact>().CountAsync());
            Assert.Equal(15, await db.Set<Organization>().CountAsync());
            Assert.Equal(summary.Counts.Single(c => c.Table == "interactions").Rows, await db.Set<Interaction>().CountAsync());
            Assert.Equal(summary.Counts.Single(c => c.Table == "orders").Rows, await db.Set<Order>().CountAsync());
            Assert.True(await db.Set<OrganizationMembership>().CountAsync() >= 15);
            Assert.True(await db.Set<CustomFieldDefinition>().AnyAsync(d => d.Key == "talla" && d.AllowedValues.Contains("M")));
            Assert.False(await db.Set<Contact>().AnyAsync(c => c.PaternalSurname == null || c.MaternalSurname == null || c.BirthDate == null));

            // Every minor has at least one guardian, guardians are adults, and some children have two.
            var today = AgePolicy.Today(clock, DemoSeeder.FindZone("America/Mexico_City"));
            var latestAdultBirth = AgePolicy.LatestAdultBirthDate(today, 18);
            var minors = await db.Set<Contact>().Where(c => c.BirthDate > latestAdultBirth).Select(c => c.Id).ToListAsync();
            var links = await db.Set<GuardianLink>().Select(l => new { l.MinorId, l.GuardianId }).ToListAsync();
            Assert.NotEmpty(minors);
            Assert.Equal(minors.Order(), links.Select(l => l.MinorId).Distinct().Order());
            Assert.DoesNotContain(links, l => minors.Contains(l.GuardianId));
            Assert.Contains(links.GroupBy(l => l.MinorId), g => g.Count() == 2);
            var comingOfAgeSoon = today.AddDays(42).AddYears(-18);
            Assert.True(await db.Set<Contact>().CountAsync(c => c.BirthDate > latestAdultBirth && c.BirthDate <= comingOfAgeSoon) >= 3);

            // Phones are Mexican E.164 that libphonenumber accepts; emails are already normalised.
            var phones = await db.Set<ContactPhone>().Select(p => p.Number).ToListAsync();
            Assert.NotEmpty(phones);
            Assert.All(phones, p => Assert.Equal(p, Normalize.Phone(p).Value));
            Assert.All(phones, p => Assert.StartsWith("+52", p, StringComparison.Ordinal));
            var emails = await db.Set<ContactEmail>().Select(e => e.Address).ToListAsync();
            Assert.All(emails, e => Assert.Equal(e, Normalize.Email(e).Value));
            Assert.Equal(emails.Count, emails.Distinct().Count());

            // A year of orders and events, every event keyed for idempotency.
            var since = Now.UtcDateTime.AddDays(-366);
            Assert.False(await db.Set<Order>().AnyAsync(o => o.OrderedAt < since || o.OrderedAt > Now.UtcDateTime));
            Assert.True(await db.Set<OrderLine>().AnyAsync());
            Assert.False(await db.Set<Interaction>().AnyAsync(i => i.IdempotencyKey == null || i.OccurredAt < since));
            var types = await db.Set<Interaction>().Select(i => i.Type).Distinct().ToListAsync();
            Assert.Superset(new HashSet<string> { "email.delivered", "email.opened", "email.clicked", "web.visit", "pos.purchase", "order.placed", "sms.delivered" }, types.ToHashSet());
        }

        var again = await seeder.SeedAsync(Small with { People = 50 });
        Assert.False(again.Created);
        Assert.Equal(summary.WorkspaceId, again.WorkspaceId);
        await using (var db = t.Database.Open(summary.WorkspaceId))
        {
            Assert.Equal(400, await db.Set<Contact>().CountAsync());
        }
    }

    [Fact]
    public void The_same_seed_and_clock_give_the_same_data_and_another_seed_does_not()
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var first = new DemoGenerator(Small, Now.UtcDateTime, today).Generate();
        var second = new DemoGenerator(Small, Now.UtcDateTime, today).Generate();
        var other = new DemoGenerator(Small with { Seed = 8 }, Now.UtcDateTime, today).Generate();

        Assert.Equal(first.Contacts.Select(c => (c.Id, c.DisplayName)), second.Contacts.Select(c => (c.Id, c.DisplayName)));
        Assert.Equal(first.Interactions.Select(i => i.IdempotencyKey), second.Interactions.Select(i => i.IdempotencyKey));
        Assert.NotEqual(first.Contacts.Select(c => c.DisplayName), other.Contacts.Select(c => c.DisplayName));
    }

    [Fact]
    public void Buyers_range_from_one_timers_to_loyal_and_lapsed_so_RFM_has_something_to_split()
    {
        var now = Now.UtcDateTime;
        var data = new DemoGenerator(new DemoOptions { People = 2000, Organizations = 20, Seed = 3 }, now, DateOnly.FromDateTime(now)).Generate();
        var buyers = data.Orders.Where(o => o.OrganizationId is null).GroupBy(o => o.ContactId).Select(g => new { Count = g.Count(), Last = g.Max(o => o.OrderedAt) }).ToList();

        Assert.Contains(buyers, b => b.Count == 1);
        Assert.Contains(buyers, b => b.Count >= 5 && b.Last > now.AddDays(-30));
        Assert.Contains(buyers, b => b.Count >= 2 && b.Last < now.AddDays(-180));
        Assert.True(buyers.Count < data.Contacts.Count, "some people never bought");
        var lineTotals = data.OrderLines.GroupBy(l => l.OrderId).ToDictionary(g => g.Key, g => g.Sum(l => l.LineTotal));
        Assert.All(data.Orders, o => Assert.Equal(lineTotals[o.Id], o.Total));
        Assert.Equal(data.Orders.Count, data.Orders.Select(o => o.ExternalId).Distinct().Count());
        Assert.Equal(data.Interactions.Count, data.Interactions.Select(i => i.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public void Campaigns_reach_only_people_whose_consent_stands_that_day_and_never_minors()
    {
        var now = Now.UtcDateTime;
        var data = new DemoGenerator(new DemoOptions { People = 2000, Organizations = 20, Seed = 5 }, now, DateOnly.FromDateTime(now)).Generate();
        var ledger = data.Consents.ToLookup(c => (c.ContactId, c.Channel));
        var minors = data.Contacts.Where(c => c.BirthDate is { } b && b.AddYears(18) > DateOnly.FromDateTime(now)).Select(c => c.Id).ToHashSet();

        Assert.Contains(data.Consents, c => c.Status == Vinculo.Consent.ConsentStatus.Withdrawn);
        Assert.Contains(data.Consents, c => c.Status == Vinculo.Consent.ConsentStatus.Denied);
        Assert.DoesNotContain(data.Consents, c => minors.Contains(c.ContactId));
        foreach (var sent in data.Interactions.Where(i => i.Type is "email.delivered" or "sms.delivered"))
        {
            var channel = sent.Type == "sms.delivered" ? Vinculo.Consent.ConsentChannel.Sms : Vinculo.Consent.ConsentChannel.Email;
            var standing = ledger[(sent.ContactId!.Value, channel)].Where(c => c.OccurredAt <= sent.OccurredAt).MaxBy(c => c.OccurredAt);
            Assert.True(standing?.Status == Vinculo.Consent.ConsentStatus.Granted, $"{sent.IdempotencyKey} was sent without consent");
        }
    }

    [Fact]
    public void Given_names_match_the_recorded_gender()
    {
        var now = Now.UtcDateTime;
        var data = new DemoGenerator(new DemoOptions { People = 1000, Organizations = 10, Seed = 7 }, now, DateOnly.FromDateTime(now)).Generate();
        var female = DemoCatalog.FemaleNames.ToHashSet();
        var male = DemoCatalog.MaleNames.ToHashSet();
        foreach (var contact in data.Contacts)
        {
            var names = contact.GivenNames!.Split(' ');
            Assert.True(names.All(n => (contact.Gender == "female" ? female : male).Contains(n)), $"{contact.GivenNames} is recorded as {contact.Gender}");
        }
    }
}
