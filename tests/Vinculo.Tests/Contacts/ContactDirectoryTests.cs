using Microsoft.EntityFrameworkCore;
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

        // Any word of the name: "José" as a given name and as María's surname; then the prefix "josefina".
        var jose = await directory.BrowseAsync(new ContactListQuery("jose"));
        Assert.Equal(["José Ángel Núñez", "María José", "Josefina Ruiz"], jose.Items.Select(r => r.DisplayName));
        Assert.Equal(3, jose.Total);
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
    public async Task Finds_a_person_by_either_surname_or_a_second_given_name_whoever_wrote_the_row(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();
        var maria = await contacts.CreateAsync(new ContactInput { GivenNames = "María José", PaternalSurname = "García", MaternalSurname = "López" });
        var ana = await contacts.CreateAsync(new ContactInput { GivenNames = "Ana", PaternalSurname = "Pérez-Gómez", MaternalSurname = "Ruiz" });
        var luis = await contacts.CreateAsync(new ContactInput { GivenNames = "Luis", PaternalSurname = "Garza", MaternalSurname = "García" });
        var directory = core.Get<ContactDirectory>();

        async Task<string[]> Names(string text) => [.. (await directory.BrowseAsync(new ContactListQuery(text))).Items.Select(r => r.DisplayName)];

        Assert.Equal(["María José García López"], await Names("LÓPEZ"));
        Assert.Equal(["María José García López"], await Names("jose"));
        Assert.Equal(["María José García López"], await Names("lopez maria"));
        Assert.Equal(["Ana Pérez-Gómez Ruiz"], await Names("gomez"));
        Assert.Equal(["Ana Pérez-Gómez Ruiz"], await Names("ruiz an"));
        Assert.Empty(await Names("opez"));
        // "gar" matches García and Garza: Luis Garza García is listed once, under the first matching word.
        Assert.Equal(["Luis Garza García", "María José García López"], await Names("garcia"));
        var gar = await directory.BrowseAsync(new ContactListQuery("gar"));
        Assert.Equal(2, gar.Total);
        Assert.Equal([luis.Id, maria.Id], gar.Items.Select(r => r.Id));

        // A new surname is found and the old one no longer is.
        await contacts.UpdateAsync(ana.Id, new ContactInput { GivenNames = "Ana", PaternalSurname = "Torres", MaternalSurname = "Ruiz" });
        Assert.Empty(await Names("gomez"));
        Assert.Equal(["Ana Torres Ruiz"], await Names("torres"));

        // Rows written by the bulk path (imports, demo) are searchable too, and other workspaces stay apart.
        var other = new Vinculo.Workspaces.Workspace { Name = "Otra", Slug = "otra-" + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
        await using (var db = core.Database.Database.OpenAll())
        {
            db.Add(other);
            await db.SaveChangesAsync();
        }

        foreach (var workspace in new[] { core.Database.Workspace.Id, other.Id })
        {
            await using var db = core.Database.Database.Open(workspace);
            await using var bulk = await Vinculo.Storage.Bulk.BulkSession.BeginAsync(db);
            await bulk.InsertAsync(new[] { new Contact { WorkspaceId = workspace, DisplayName = "Rosa Quintero Vela", SearchName = "rosa quintero vela" } });
            await bulk.CommitAsync();
        }

        Assert.Single(await Names("vela"));
        Assert.Single(await Names("quintero rosa"));

        // Erasure clears the search name and with it the words.
        var privacy = core.Get<Vinculo.Privacy.PrivacyService>();
        await privacy.BlockAsync(maria.Id, "ARCO");
        await privacy.EraseAsync(maria.Id);
        Assert.Equal(["Luis Garza García"], await Names("garcia"));
        await using (var db = core.Open())
        {
            Assert.False(await db.Set<ContactNameWord>().AnyAsync(w => w.ContactId == maria.Id));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Combines_a_name_search_with_tags_and_leaves_out_merged_contacts(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();
        await contacts.CreateAsync(new ContactInput { GivenNames = "Marta", PaternalSurname = "Garza", Tags = ["vip", "kids"] });
        await contacts.CreateAsync(new ContactInput { GivenNames = "Mario", PaternalSurname = "Garza", Tags = ["kids"] });
        var merged = await contacts.CreateAsync(new ContactInput { GivenNames = "Marta", PaternalSurname = "Garza", Tags = ["vip", "kids"] });
        await contacts.CreateAsync(new ContactInput { GivenNames = "Rosa", PaternalSurname = "Garza" });
        await using (var db = core.Open())
        {
            var row = await db.Set<Contact>().SingleAsync(c => c.Id == merged.Id);
            row.Status = ContactStatus.Merged;
            await db.SaveChangesAsync();
        }

        var directory = core.Get<ContactDirectory>();
        async Task<string[]> Names(string? text, params string[] tags) => [.. (await directory.BrowseAsync(new ContactListQuery(text, tags))).Items.Select(r => r.DisplayName)];

        Assert.Equal(["Mario Garza", "Marta Garza", "Rosa Garza"], await Names("garza"));
        Assert.Equal(["Marta Garza"], await Names("garza", "vip"));
        Assert.Equal(["Mario Garza", "Marta Garza"], await Names("garza mar", "kids"));
        Assert.Equal(["Marta Garza"], await Names("mart", "kids", "vip"));
        Assert.Equal(["Marta Garza"], await Names(null, "kids", "vip"));
        Assert.Empty(await Names("rosa", "kids"));
        Assert.Equal(1, (await directory.BrowseAsync(new ContactListQuery("garza", ["vip"]))).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_tag_narrower_than_the_name_drives_the_search_and_lists_each_contact_once(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();
        foreach (var maternal in new[] { "Ibarra", "Juárez", "Lara", "Mena", "Nava" })
        {
            await contacts.CreateAsync(new ContactInput { GivenNames = "Ana", PaternalSurname = "Garza", MaternalSurname = maternal });
        }

        await contacts.CreateAsync(new ContactInput { GivenNames = "Ana", PaternalSurname = "Garza", MaternalSurname = "Ruiz", Tags = ["vip", "kids"] });
        await contacts.CreateAsync(new ContactInput { GivenNames = "Ana", PaternalSurname = "Garza", MaternalSurname = "Soto", Tags = ["vip"] });
        await contacts.CreateAsync(new ContactInput { GivenNames = "Luis", PaternalSurname = "Garza", MaternalSurname = "Garzón", Tags = ["vip"] });

        var directory = core.Get<ContactDirectory>();
        async Task<(string Names, long Total)> Find(string text, params string[] tags)
        {
            var page = await directory.BrowseAsync(new ContactListQuery(text, tags));
            return (string.Join(" | ", page.Items.Select(r => r.DisplayName)), page.Total);
        }

        // Eight contacts have a word starting "garz", three are vip: the tag drives, the name filters.
        Assert.Equal(("Ana Garza Ruiz | Ana Garza Soto | Luis Garza Garzón", 3L), await Find("garz", "vip"));
        Assert.Equal(("Ana Garza Ruiz | Ana Garza Soto", 2L), await Find("garza ana", "vip"));
        Assert.Equal(("Ana Garza Ruiz", 1L), await Find("ana garza", "vip", "kids"));
        Assert.Equal(("", 0L), await Find("garza mena", "vip"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrating_again_restores_missing_word_triggers_and_rebuilds_the_words(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Tomás", PaternalSurname = "Ibarra", MaternalSurname = "Soto" });
        await using (var db = core.Database.Database.OpenAll())
        {
            // What a table rebuild by a future SQLite migration would leave: no triggers, stale words.
            var drop = provider == StorageProvider.Sqlite
                ? "DROP TRIGGER contacts_name_words_insert; DROP TRIGGER contacts_name_words_update; DELETE FROM contact_name_words;"
                : "DROP TRIGGER contacts_name_words_insert ON contacts; DROP TRIGGER contacts_name_words_update ON contacts; DELETE FROM contact_name_words;";
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        var directory = core.Get<ContactDirectory>();
        Assert.Empty((await directory.BrowseAsync(new ContactListQuery("soto"))).Items);

        await core.Database.Database.MigrateAsync();

        Assert.Single((await directory.BrowseAsync(new ContactListQuery("soto"))).Items);
        await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Inés", PaternalSurname = "Soto" });
        Assert.Equal(2, (await directory.BrowseAsync(new ContactListQuery("soto"))).Total);
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
