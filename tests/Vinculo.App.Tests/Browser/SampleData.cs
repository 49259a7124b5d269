using Microsoft.Extensions.DependencyInjection;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Timeline;

namespace Vinculo.App.Tests.Browser;

/// <summary>A small family, an organization, an order and events, written through the core services.</summary>
public sealed record SampleData(Guid GuardianId, Guid MinorId, Guid OrganizationId)
{
    public const string GuardianName = "Ana María López García";
    public const string MinorName = "Sofía Hernández López";
    public const string OrganizationName = "Comercializadora del Norte";

    public static async Task<SampleData> WriteAsync(RunningApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<WorkspaceScope>().WorkspaceId = app.Workspace.Id;
        var contacts = sp.GetRequiredService<ContactService>();

        var ana = await contacts.CreateAsync(new ContactInput
        {
            GivenNames = "Ana María",
            PaternalSurname = "López",
            MaternalSurname = "García",
            BirthDate = new DateOnly(1985, 3, 14),
            Gender = "F",
            Emails = [new EmailInput("ana.lopez@example.mx", "personal", true)],
            Phones = [new PhoneInput("55 1234 5678", "mobile", true)],
            Addresses = [new AddressInput("Av. Insurgentes Sur", "1602", "4", "Crédito Constructor", "Benito Juárez", "Ciudad de México", "03940")],
            Tags = ["vip", "newsletter"],
        });
        var sofia = await contacts.CreateAsync(new ContactInput
        {
            GivenNames = "Sofía",
            PaternalSurname = "Hernández",
            MaternalSurname = "López",
            BirthDate = new DateOnly(2016, 5, 4),
            Tags = ["kids-club"],
        });
        await sp.GetRequiredService<FamilyService>().LinkAsync(new GuardianLinkInput(ana.Id, sofia.Id, GuardianRelationship.Mother));

        string[] given = ["Carlos", "Lucía", "Jorge", "Valeria", "Miguel", "Fernanda", "Ricardo", "Daniela", "Andrés", "Paola"];
        string[] surnames = ["Martínez", "Ramírez", "Torres", "Flores", "Vázquez", "Morales", "Ortiz", "Castillo"];
        for (var i = 0; i < 24; i++)
        {
            await contacts.CreateAsync(new ContactInput
            {
                GivenNames = given[i % given.Length],
                PaternalSurname = surnames[i % surnames.Length],
                MaternalSurname = surnames[(i + 3) % surnames.Length],
                BirthDate = new DateOnly(1970 + i, 1 + (i % 12), 1 + i),
                Emails = [new EmailInput($"cliente{i}@example.mx")],
                Tags = i % 3 == 0 ? ["vip"] : [],
            });
        }

        var organizations = sp.GetRequiredService<OrganizationService>();
        var org = await organizations.CreateAsync(new OrganizationInput
        {
            Name = OrganizationName,
            LegalName = "Comercializadora del Norte, S.A. de C.V.",
            TaxId = "CNO010101AB1",
            Industry = "Retail",
            EmployeeCount = 120,
            Domain = "comnorte.com.mx",
        });
        await organizations.AddMembershipAsync(org.Id, new MembershipInput(ana.Id, "Compras", "Gerente de compras", true));

        var orders = sp.GetRequiredService<OrderService>();
        await orders.UpsertProductAsync(new ProductInput("MOCH-01", "Mochila escolar", "Escolar", 899m));
        await orders.CreateOrderAsync(new OrderInput
        {
            ContactId = ana.Id,
            ExternalId = "T-1001",
            Channel = SalesChannel.Store,
            Lines = [new OrderLineInput("MOCH-01", 2, 899m)],
        });

        var timeline = sp.GetRequiredService<TimelineService>();
        await timeline.RecordAsync(new EventInput { Type = "email.opened", ContactId = ana.Id, Channel = "email" });
        await timeline.RecordAsync(new EventInput { Type = "web.page_viewed", ContactId = ana.Id, Channel = "web" });
        return new SampleData(ana.Id, sofia.Id, org.Id);
    }
}
