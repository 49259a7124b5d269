using Microsoft.Extensions.Time.Testing;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Orders;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Segments;

/// <summary>A small known population: each condition kind has an expected set of names over it.</summary>
internal sealed class SegmentSeed
{
    public static readonly DateTime Now = new(2026, 11, 30, 18, 0, 0, DateTimeKind.Utc);

    public required TestDatabase Db { get; init; }
    public required FakeTimeProvider Time { get; init; }
    public required ScopedDbContextFactory Factory { get; init; }
    public Dictionary<string, Guid> Ids { get; } = [];

    public SegmentService Segments => new(Factory, Time);

    public SegmentRefresher Refresher => new(Factory, Time);

    public static async Task<SegmentSeed> CreateAsync(TestDatabase t)
    {
        var seed = new SegmentSeed
        {
            Db = t,
            Time = new FakeTimeProvider(new DateTimeOffset(Now)),
            Factory = new ScopedDbContextFactory(t.Database, new WorkspaceScope { WorkspaceId = t.Workspace.Id }),
        };
        await seed.SeedAsync();
        return seed;
    }

    private Contact Person(string name, DateOnly? birth, string? gender = null, string customFields = "{}", ContactStatus status = ContactStatus.Active)
    {
        var c = new Contact
        {
            GivenNames = name,
            DisplayName = name,
            SearchName = name.ToLowerInvariant(),
            BirthDate = birth,
            Gender = gender,
            CustomFields = customFields,
            Status = status,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        Ids[name] = c.Id;
        return c;
    }

    private static Order Bought(Contact c, int daysAgo, decimal total, bool cancelled = false) =>
        new() { ContactId = c.Id, OrderedAt = Now.AddDays(-daysAgo), Total = total, IsCancelled = cancelled, Channel = SalesChannel.Store };

    private static ConsentRecord Consent(Contact c, ConsentChannel channel, ConsentStatus status, int daysAgo) =>
        new() { ContactId = c.Id, Channel = channel, Purpose = ConsentPurpose.Marketing, Status = status, Source = "test", OccurredAt = Now.AddDays(-daysAgo), RecordedAt = Now };

    private static IEnumerable<Interaction> Events(Contact c, string type, int count, int daysAgo) =>
        Enumerable.Range(0, count).Select(i => new Interaction { ContactId = c.Id, Type = type, Channel = type.Split('.')[0], OccurredAt = Now.AddDays(-daysAgo).AddMinutes(-i), RecordedAt = Now });

    private async Task SeedAsync()
    {
        var ana = Person("Ana", new DateOnly(1990, 6, 15), "F",
            """{"talla":"M","puntos":120,"vip":true,"intereses":["cine","futbol"],"alta":"2024-01-10"}""");
        var beto = Person("Beto", new DateOnly(2000, 12, 5), "M", """{"puntos":50,"vip":false}""");
        var carla = Person("Carla", new DateOnly(2010, 3, 1));
        var dario = Person("Dario", new DateOnly(1980, 1, 1));
        var eva = Person("Eva", new DateOnly(2020, 5, 5));
        var fer = Person("Fer", null);
        var gus = Person("Gus", new DateOnly(1990, 6, 15), "F", """{"puntos":999}""", ContactStatus.Erased);
        var acme = new Organization { Name = "Acme", Industry = "Retail", Size = CompanySize.Medium };
        var tenis = new Product { Sku = "TEN-01", Name = "Tenis", Category = "Tenis" };
        var ferOrder = Bought(fer, 10, 100);
        ferOrder.Lines.Add(new OrderLine { Sku = "TEN-01", ProductId = tenis.Id, Quantity = 1, UnitPrice = 100, LineTotal = 100 });

        await using var db = Db.Open();
        db.AddRange(ana, beto, carla, dario, eva, fer, gus, acme, tenis);
        db.AddRange(
            new ContactTag { ContactId = ana.Id, Name = "vip" },
            new ContactTag { ContactId = ana.Id, Name = "mayoreo" },
            new ContactTag { ContactId = dario.Id, Name = "mayoreo" },
            new ContactTag { ContactId = gus.Id, Name = "vip" });
        db.Add(new PostalAddress { ContactId = ana.Id, State = "Jalisco", City = "Guadalajara" });
        db.Add(new ContactSocialProfile { ContactId = ana.Id, Network = "instagram", Handle = "@ana" });
        db.Add(new ContactSocialProfile { ContactId = gus.Id, Network = "instagram", Handle = "@gus" });
        db.AddRange(
            new GuardianLink { GuardianId = dario.Id, MinorId = carla.Id, CreatedAt = Now },
            new GuardianLink { GuardianId = dario.Id, MinorId = eva.Id, CreatedAt = Now },
            new GuardianLink { GuardianId = ana.Id, MinorId = eva.Id, CreatedAt = Now, EndedAt = Now.AddDays(-1) });
        db.Add(new OrganizationMembership { OrganizationId = acme.Id, ContactId = dario.Id, Role = "Compras", IsDecisionMaker = true });
        db.AddRange(Bought(ana, 1, 1000), Bought(ana, 5, 1000), Bought(ana, 20, 1000), Bought(beto, 200, 200), Bought(dario, 500, 800),
            ferOrder, Bought(carla, 3, 50, cancelled: true), Bought(gus, 1, 5000));
        db.AddRange(
            Consent(ana, ConsentChannel.Email, ConsentStatus.Granted, 10),
            Consent(ana, ConsentChannel.Email, ConsentStatus.Withdrawn, 1),
            Consent(beto, ConsentChannel.Email, ConsentStatus.Withdrawn, 30),
            Consent(beto, ConsentChannel.Email, ConsentStatus.Granted, 2),
            Consent(dario, ConsentChannel.Sms, ConsentStatus.Granted, 5),
            Consent(gus, ConsentChannel.Email, ConsentStatus.Granted, 5));
        db.AddRange(Events(ana, "email.opened", 3, 2));
        db.AddRange(Events(ana, "email.clicked", 1, 2));
        db.AddRange(Events(beto, "email.opened", 1, 3));
        db.AddRange(Events(beto, "email.opened", 2, 40));
        db.AddRange(Events(fer, "sms.clicked", 1, 1));
        db.AddRange(Events(gus, "email.opened", 5, 1));
        db.AddRange(
            new CustomFieldDefinition { Key = "talla", Label = "Talla", Type = CustomFieldType.Choice },
            new CustomFieldDefinition { Key = "puntos", Label = "Puntos", Type = CustomFieldType.Number },
            new CustomFieldDefinition { Key = "vip", Label = "VIP", Type = CustomFieldType.Boolean },
            new CustomFieldDefinition { Key = "intereses", Label = "Intereses", Type = CustomFieldType.MultiChoice },
            new CustomFieldDefinition { Key = "alta", Label = "Alta", Type = CustomFieldType.Date });
        await db.SaveChangesAsync();
    }

    public async Task<string[]> NamesAsync(Condition root)
    {
        var preview = await Segments.PreviewAsync(new SegmentDefinition { Root = root }, 100);
        Assert.Equal(preview.Count, preview.Sample.Count);
        return [.. preview.Sample.Select(s => s.DisplayName).Order()];
    }
}
