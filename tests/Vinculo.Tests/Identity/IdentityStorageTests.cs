using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Ingestion.Identity;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Identity;

public sealed class IdentityStorageTests
{
    private static readonly DateTime T0 = new(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    private sealed class Fixture(TestDatabase t, FakeTimeProvider clock, IdentityOptions options) : IAsyncDisposable
    {
        public TestDatabase T { get; } = t;
        public FakeTimeProvider Clock { get; } = clock;
        public ContactMergeService Merges { get; } = new(new Factory(t), clock, options);
        public DuplicateDetectionService Detection => new(new Factory(T), Clock, options, Merges);
        public DuplicateCandidateQueries Queries => new(new Factory(T));

        public ValueTask DisposeAsync() => T.DisposeAsync();
    }

    private sealed class Factory(TestDatabase t) : IDbContextFactory<VinculoDbContext>
    {
        public VinculoDbContext CreateDbContext() => t.Open();
    }

    private static async Task<Fixture> CreateAsync(StorageProvider provider, IdentityOptions? options = null) =>
        new(await TestDatabase.CreateAsync(provider), new FakeTimeProvider(T0), options ?? new IdentityOptions());

    private static Contact Person(string given, string paternal, string? maternal, DateOnly? birth, DateTime created, string? email = null, string? postalCode = null, string street = "Av. Insurgentes Sur", string city = "Benito Juárez") => new()
    {
        GivenNames = given,
        PaternalSurname = paternal,
        MaternalSurname = maternal,
        DisplayName = Contact.ComposeDisplayName(given, paternal, maternal),
        BirthDate = birth,
        CreatedAt = created,
        UpdatedAt = created,
        Emails = email is null ? [] : [new ContactEmail { Address = email, IsPrimary = true }],
        Addresses = postalCode is null ? [] : [new PostalAddress { Street = street, ExteriorNumber = "1200", City = city, PostalCode = postalCode, IsPrimary = true }],
    };

    private static async Task AddAsync(TestDatabase t, params object[] rows)
    {
        await using var db = t.Open();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contacts_sharing_an_email_are_merged_automatically(StorageProvider provider)
    {
        await using var f = await CreateAsync(provider);
        var first = Person("Ana", "Ruiz", null, null, T0.AddDays(-30), "ana.ruiz@example.com");
        var second = Person("Anita", "Ruíz", "Soto", new DateOnly(1990, 5, 1), T0.AddDays(-1), "Ana.Ruiz@example.com");
        var other = Person("Pedro", "Ruiz", null, null, T0, "pedro@example.com");
        await AddAsync(f.T, first, second, other);

        var report = await f.Detection.DetectAsync(autoMerge: true);

        Assert.Equal(1, report.AutoMerged);
        await using var db = f.T.Open();
        var loser = await db.Set<Contact>().SingleAsync(c => c.Id == second.Id);
        Assert.Equal(ContactStatus.Merged, loser.Status);
        Assert.Equal(first.Id, loser.MergedIntoId);
        var survivor = await db.Set<Contact>().SingleAsync(c => c.Id == first.Id);
        Assert.Equal("Soto", survivor.MaternalSurname);
        Assert.Equal(new DateOnly(1990, 5, 1), survivor.BirthDate);
        Assert.Single(await db.Set<ContactEmail>().Where(e => e.ContactId == first.Id).ToListAsync());
        var candidate = await db.Set<DuplicateCandidate>().SingleAsync();
        Assert.Equal("email", candidate.ExactKey);
        Assert.Equal(CandidateStatus.Merged, candidate.Status);
        Assert.Equal(ContactStatus.Active, (await db.Set<Contact>().SingleAsync(c => c.Id == other.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Typo_with_swapped_surnames_becomes_a_candidate_for_review(StorageProvider provider)
    {
        await using var f = await CreateAsync(provider);
        var original = Person("María José", "Hernández", "López", new DateOnly(1985, 3, 12), T0.AddDays(-100), postalCode: "03100");
        var typo = Person("MARIA JOSE", "Lopez", "Hernandes", new DateOnly(1985, 3, 12), T0.AddDays(-2), postalCode: "03100");
        var sibling = Person("Jorge", "Hernández", "López", new DateOnly(1979, 11, 2), T0.AddDays(-50), postalCode: "03100");
        var stranger = Person("Luis", "García", "Pérez", new DateOnly(1985, 3, 12), T0.AddDays(-20), postalCode: "64000", street: "Av. Constitución", city: "Monterrey");
        await AddAsync(f.T, original, typo, sibling, stranger);

        var report = await f.Detection.DetectAsync();

        Assert.True(report.CandidatePairs >= 1);
        var page = await f.Queries.ListAsync(CandidateStatus.Open, null, 1, 50);
        var candidate = Assert.Single(page.Items);
        Assert.Equal(DuplicateCandidate.Ordered(original.Id, typo.Id), (candidate.ContactA.Id, candidate.ContactB.Id));
        Assert.Null(candidate.ExactKey);
        Assert.True(candidate.Probability >= new MatchThresholds().Review, $"probability {candidate.Probability}");
        var surname = candidate.Evidence.GetProperty("fields").GetProperty("surname");
        Assert.True(surname.GetProperty("level").GetInt32() >= 2);
        Assert.True(candidate.Evidence.GetProperty("fields").GetProperty("birthDate").GetProperty("weight").GetDouble() > 0);

        // Nothing is merged without the auto-merge run, and a dismissed pair is not proposed again.
        await f.Merges.DismissAsync(candidate.Id);
        await f.Detection.DetectAsync();
        Assert.Empty((await f.Queries.ListAsync(CandidateStatus.Open, null, 1, 50)).Items);
    }

    private sealed record World(Contact Survivor, Contact Loser, Contact Minor, Organization Org);

    private static async Task<World> BuildWorldAsync(TestDatabase t)
    {
        var survivor = Person("María", "Hernández", null, new DateOnly(1985, 3, 12), T0.AddDays(-400), "maria@example.com", "03100");
        survivor.Phones = [new ContactPhone { Number = "+525511112222", IsPrimary = true }];
        survivor.Tags = [new ContactTag { Name = "vip" }];
        survivor.CustomFields = """{"talla":"M"}""";
        var loser = Person("María José", "Hernández", "López", new DateOnly(1985, 3, 12), T0.AddDays(-5), "maria@example.com", "03100");
        loser.Emails.Add(new ContactEmail { Address = "mj.hdz@trabajo.mx" });
        loser.Phones = [new ContactPhone { Number = "+525533334444", IsPrimary = true }, new ContactPhone { Number = "+525511112222" }];
        loser.Addresses.Add(new PostalAddress { Street = "Calle Tonalá", ExteriorNumber = "10", PostalCode = "06700", City = "Cuauhtémoc" });
        loser.Tags = [new ContactTag { Name = "vip" }, new ContactTag { Name = "newsletter" }];
        loser.CustomFields = """{"talla":"S","mascota":"perro"}""";
        loser.ExternalId = "POS-991";
        var minor = Person("Sofía", "Hernández", "López", new DateOnly(2015, 6, 1), T0.AddDays(-5));
        var org = new Organization { Name = "Acme MX", CreatedAt = T0, UpdatedAt = T0 };
        await AddAsync(t, survivor, loser, minor, org);
        await AddAsync(t,
            new OrganizationMembership { OrganizationId = org.Id, ContactId = loser.Id, Role = "Compras" },
            new GuardianLink { GuardianId = loser.Id, MinorId = minor.Id, Relationship = GuardianRelationship.Mother, CreatedAt = T0 },
            new Order { ContactId = loser.Id, OrderedAt = T0.AddDays(-3), Total = 499.90m, ExternalId = "T-1" },
            new Order { ContactId = survivor.Id, OrderedAt = T0.AddDays(-300), Total = 120m, ExternalId = "T-0" },
            new Interaction { ContactId = loser.Id, Type = "email.opened", OccurredAt = T0.AddDays(-2), RecordedAt = T0.AddDays(-2) });
        return new World(survivor, loser, minor, org);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merge_moves_every_row_to_the_survivor_and_keeps_an_audit(StorageProvider provider)
    {
        await using var f = await CreateAsync(provider);
        var w = await BuildWorldAsync(f.T);

        var merge = await f.Merges.MergeAsync(new MergeRequest(w.Survivor.Id, w.Loser.Id) { Actor = "ana@marca.mx" });

        await using var db = f.T.Open();
        var s = w.Survivor.Id;
        Assert.Equal(["maria@example.com", "mj.hdz@trabajo.mx"], (await db.Set<ContactEmail>().Where(e => e.ContactId == s).Select(e => e.Address).ToListAsync()).Order());
        Assert.Equal(["+525511112222", "+525533334444"], (await db.Set<ContactPhone>().Where(p => p.ContactId == s).Select(p => p.Number).ToListAsync()).Order());
        Assert.Equal(1, await db.Set<ContactPhone>().CountAsync(p => p.ContactId == s && p.IsPrimary));
        Assert.Equal(2, await db.Set<PostalAddress>().CountAsync(a => a.ContactId == s));
        Assert.Equal(["newsletter", "vip"], (await db.Set<ContactTag>().Where(t => t.ContactId == s).Select(t => t.Name).ToListAsync()).Order());
        Assert.Equal(s, (await db.Set<OrganizationMembership>().SingleAsync()).ContactId);
        Assert.Equal(s, (await db.Set<GuardianLink>().SingleAsync()).GuardianId);
        Assert.Equal(2, await db.Set<Order>().CountAsync(o => o.ContactId == s));
        Assert.Equal(s, (await db.Set<Interaction>().SingleAsync()).ContactId);
        Assert.False(await db.Set<ContactEmail>().AnyAsync(e => e.ContactId == w.Loser.Id));
        Assert.False(await db.Set<ContactTag>().AnyAsync(t => t.ContactId == w.Loser.Id));

        var survivor = await db.Set<Contact>().SingleAsync(c => c.Id == s);
        Assert.Equal("POS-991", survivor.ExternalId);
        Assert.Equal("López", survivor.MaternalSurname);
        var custom = JsonDocument.Parse(survivor.CustomFields).RootElement;
        Assert.Equal("perro", custom.GetProperty("mascota").GetString());
        var loser = await db.Set<Contact>().SingleAsync(c => c.Id == w.Loser.Id);
        Assert.Equal(ContactStatus.Merged, loser.Status);

        var audit = await db.Set<ContactMerge>().SingleAsync();
        Assert.Equal(merge.Id, audit.Id);
        Assert.Equal("ana@marca.mx", audit.Actor);
        var snapshot = JsonDocument.Parse(audit.Snapshot).RootElement;
        Assert.Equal("María José", snapshot.GetProperty("loser").GetProperty("GivenNames").GetString());
        var moved = JsonDocument.Parse(audit.MovedRows).RootElement;
        Assert.Equal(1, moved.GetProperty("orders.contact_id").GetArrayLength());
        Assert.Equal(1, moved.GetProperty("interactions.contact_id").GetArrayLength());
        Assert.Equal(1, moved.GetProperty("guardian_links.guardian_id").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unmerge_restores_both_contacts_and_their_rows_exactly(StorageProvider provider)
    {
        await using var f = await CreateAsync(provider);
        var w = await BuildWorldAsync(f.T);
        var before = await StateAsync(f.T, w);

        f.Clock.Advance(TimeSpan.FromHours(1));
        var merge = await f.Merges.MergeAsync(new MergeRequest(w.Survivor.Id, w.Loser.Id));
        Assert.NotEqual(before, await StateAsync(f.T, w));
        f.Clock.Advance(TimeSpan.FromHours(1));
        await f.Merges.UnmergeAsync(merge.Id);

        Assert.Equal(before, await StateAsync(f.T, w));
        await Assert.ThrowsAsync<Vinculo.Common.ConflictException>(() => f.Merges.UnmergeAsync(merge.Id));
        await using var db = f.T.Open();
        Assert.NotNull((await db.Set<ContactMerge>().SingleAsync()).UnmergedAt);
    }

    /// <summary>Everything a merge touches, as text: contacts (but the survivor's UpdatedAt) and every row that points at them.</summary>
    private static async Task<string> StateAsync(TestDatabase t, World w)
    {
        await using var db = t.Open();
        var ids = new[] { w.Survivor.Id, w.Loser.Id };
        var contacts = await db.Set<Contact>().AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.CreatedAt).ToListAsync();
        var lines = new List<string>();
        foreach (var c in contacts)
        {
            var custom = JsonDocument.Parse(c.CustomFields).RootElement.EnumerateObject().OrderBy(p => p.Name).Select(p => $"{p.Name}={p.Value}");
            lines.Add($"contact {c.Id} {c.GivenNames}|{c.PaternalSurname}|{c.MaternalSurname}|{c.DisplayName}|{c.SearchName}|{c.BirthDate}|{c.ExternalId}|{c.Status}|{c.MergedIntoId}|{c.CreatedAt:O}|{(c.Id == w.Survivor.Id ? "" : c.UpdatedAt.ToString("O"))}|{string.Join(',', custom)}");
        }

        lines.AddRange((await db.Set<ContactEmail>().AsNoTracking().ToListAsync()).Select(e => $"email {e.Id} {e.ContactId} {e.Address} {e.IsPrimary} {e.Label} {e.Status}"));
        lines.AddRange((await db.Set<ContactPhone>().AsNoTracking().ToListAsync()).Select(p => $"phone {p.Id} {p.ContactId} {p.Number} {p.IsPrimary}"));
        lines.AddRange((await db.Set<PostalAddress>().AsNoTracking().ToListAsync()).Select(a => $"address {a.Id} {a.ContactId} {a.Street} {a.PostalCode} {a.IsPrimary}"));
        lines.AddRange((await db.Set<ContactTag>().AsNoTracking().ToListAsync()).Select(g => $"tag {g.ContactId} {g.Name}"));
        lines.AddRange((await db.Set<OrganizationMembership>().AsNoTracking().ToListAsync()).Select(m => $"member {m.Id} {m.ContactId}"));
        lines.AddRange((await db.Set<GuardianLink>().AsNoTracking().ToListAsync()).Select(g => $"guardian {g.Id} {g.GuardianId} {g.MinorId}"));
        lines.AddRange((await db.Set<Order>().AsNoTracking().ToListAsync()).Select(o => $"order {o.Id} {o.ContactId}"));
        lines.AddRange((await db.Set<Interaction>().AsNoTracking().ToListAsync()).Select(i => $"interaction {i.Id} {i.ContactId}"));
        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Survivorship_rules_choose_the_surviving_values(StorageProvider provider)
    {
        await using var f = await CreateAsync(provider);
        var older = Person("Lupita", "Martínez", null, null, T0.AddDays(-200));
        older.Source = "pos";
        older.ExternalId = "POS-1";
        older.Gender = "F";
        var newer = Person("María Guadalupe", "Martínez", "Sosa", new DateOnly(1992, 8, 15), T0.AddDays(-1));
        newer.Source = "ecommerce";
        newer.ExternalId = "WEB-77";
        newer.Gender = "female";
        var third = Person("Lupe", "Martínez", null, null, T0.AddDays(-300));
        var fourth = Person("María Guadalupe", "Martínez", null, null, T0.AddDays(-2));
        await AddAsync(f.T, older, newer, third, fourth);

        // Default (most recent non-empty), except: longest given name, external id from the trusted source, oldest gender.
        var policy = new SurvivorshipPolicy { SourcePriority = ["pos", "ecommerce"] };
        policy.Fields["givenNames"] = SurvivorshipRule.Longest;
        policy.Fields["externalId"] = SurvivorshipRule.SourcePriority;
        policy.Fields["gender"] = SurvivorshipRule.Oldest;
        await f.Merges.MergeAsync(new MergeRequest(older.Id, newer.Id) { Survivorship = policy });

        // Plain default: the most recently updated contact's non-empty value wins.
        await f.Merges.MergeAsync(new MergeRequest(third.Id, fourth.Id));

        await using var db = f.T.Open();
        var merged = await db.Set<Contact>().SingleAsync(c => c.Id == older.Id);
        Assert.Equal("María Guadalupe", merged.GivenNames);
        Assert.Equal("POS-1", merged.ExternalId);
        Assert.Equal("F", merged.Gender);
        Assert.Equal("Sosa", merged.MaternalSurname);
        Assert.Equal(new DateOnly(1992, 8, 15), merged.BirthDate);
        Assert.Equal("María Guadalupe Martínez Sosa", merged.DisplayName);
        Assert.Equal("ecommerce", merged.Source);
        var byDefault = await db.Set<Contact>().SingleAsync(c => c.Id == third.Id);
        Assert.Equal("María Guadalupe", byDefault.GivenNames);
    }
}
