using Vinculo.Analytics;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Contacts;

/// <summary>The contacts list's index-range search and capped count, and the dashboard figures, on both providers.</summary>
public sealed class ContactDirectoryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Finds_by_name_prefix_without_accents_email_prefix_phone_and_tag(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();
        await contacts.CreateAsync(new ContactInput { GivenNames = "José Ángel", PaternalSurname = "Núñez", Emails = [new EmailInput("jangel@example.mx")], Tags = ["vip"] });
        await contacts.CreateAsync(new ContactInput { GivenNames = "Josefina", PaternalSurname = "Ruiz", Phones = [new PhoneInput("55 1234 5678")] });
        await contacts.CreateAsync(new ContactInput { GivenNames = "María", PaternalSurname = "José", Emails = [new EmailInput("maria@example.mx")] });
        var directory = core.Get<ContactDirectory>();

        var jose = await directory.BrowseAsync(new ContactListQuery("jose"));
        Assert.Equal(["José Ángel Núñez", "Josefina Ruiz"], jose.Items.Select(r => r.DisplayName));
        Assert.Equal(2, jose.Total);
        Assert.False(jose.TotalIsCapped);

        Assert.Equal("José Ángel Núñez", Assert.Single((await directory.BrowseAsync(new ContactListQuery("JOSE ANGEL"))).Items).DisplayName);
        Assert.Equal("María José", Assert.Single((await directory.BrowseAsync(new ContactListQuery("maria@"))).Items).DisplayName);
        var byPhone = Assert.Single((await directory.BrowseAsync(new ContactListQuery("(55) 1234-5678"))).Items);
        Assert.Equal("+525512345678", byPhone.Phone);
        Assert.Equal("José Ángel Núñez", Assert.Single((await directory.BrowseAsync(new ContactListQuery(null, ["vip"]))).Items).DisplayName);
        Assert.Empty((await directory.BrowseAsync(new ContactListQuery("zz"))).Items);
        Assert.Equal(["vip"], await directory.TagsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_in_name_order_and_caps_the_count(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        await using (var db = core.Open())
        {
            for (var i = 0; i < ContactDirectory.CountCap + 5; i++)
            {
                var name = $"Persona {i:D5}";
                db.Add(new Contact { DisplayName = name, SearchName = name.ToLowerInvariant() });
            }

            await db.SaveChangesAsync();
        }

        var page = await core.Get<ContactDirectory>().BrowseAsync(new ContactListQuery(null, null, Page: 3, PageSize: 10));
        Assert.True(page.TotalIsCapped);
        Assert.Equal(ContactDirectory.CountCap, page.Total);
        Assert.Equal("Persona 00020", page.Items[0].DisplayName);
        Assert.Equal(10, page.Items.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dashboard_counts_contacts_minors_organizations_recent_orders_and_events(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();
        var mother = await contacts.CreateAsync(new ContactInput { GivenNames = "Laura", BirthDate = new DateOnly(1988, 2, 1), Emails = [new EmailInput("laura@example.mx")] });
        var child = await contacts.CreateAsync(new ContactInput { GivenNames = "Leo", BirthDate = new DateOnly(2015, 2, 1) });
        await core.Get<FamilyService>().LinkAsync(new GuardianLinkInput(mother.Id, child.Id, GuardianRelationship.Mother));
        await core.Get<OrganizationService>().CreateAsync(new OrganizationInput { Name = "Acme" });
        await core.Get<OrderService>().CreateOrderAsync(new OrderInput { ContactId = mother.Id, Lines = [new OrderLineInput("X-1", 1, 10m)] });
        await core.Get<OrderService>().CreateOrderAsync(new OrderInput { ContactId = mother.Id, OrderedAt = CoreServices.DefaultNow.AddDays(-45), Lines = [new OrderLineInput("X-1", 1, 10m)] });
        await core.Get<TimelineService>().RecordAsync(new EventInput { Type = "email.opened", ContactId = mother.Id });
        await core.Get<TimelineService>().RecordAsync(new EventInput { Type = "email.opened", ContactId = mother.Id, OccurredAt = CoreServices.DefaultNow.AddDays(-60) });

        var summary = await core.Get<DashboardService>().GetSummaryAsync();

        Assert.Equal(2, summary.Contacts);
        Assert.Equal(1, summary.Minors);
        Assert.Equal(1, summary.Organizations);
        Assert.Equal(1, summary.OrdersLast30Days);
        Assert.Equal(1, Assert.Single(summary.EventsLast30DaysByType, e => e.Type == "email.opened").Count);
        Assert.Contains(summary.EventsLast30DaysByType, e => e.Type == "order.placed");
    }
}
