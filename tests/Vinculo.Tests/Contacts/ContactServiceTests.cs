using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Contacts;

public sealed class ContactServiceTests
{
    private static ContactInput Maria => new()
    {
        GivenNames = "  maría   josé ",
        PaternalSurname = "DE LA TORRE",
        MaternalSurname = "lópez",
        BirthDate = new DateOnly(1990, 5, 17),
        Emails = [new EmailInput(" Maria.Torre@Example.COM ")],
        Phones = [new PhoneInput("55 1234 5678", "mobile")],
        Addresses = [new AddressInput(Street: "Av. Insurgentes Sur", ExteriorNumber: "1602", Neighborhood: "Crédito Constructor", City: "Benito Juárez", State: "CDMX", PostalCode: "03940")],
        Tags = ["vip", "VIP", "newsletter"],
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_normalises_names_emails_and_national_phones(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();

        var created = await contacts.CreateAsync(Maria with { Gender = "Mujer" });
        var read = await contacts.GetAsync(created.Id);

        Assert.Equal("María José De la Torre López", read.DisplayName);
        Assert.Equal("female", read.Gender); // one spelling whatever the form or API sent
        Assert.Equal("maria.torre@example.com", Assert.Single(read.Emails).Address);
        Assert.True(read.Emails[0].IsPrimary);
        Assert.Equal("+525512345678", Assert.Single(read.Phones).Number);
        Assert.Equal(["newsletter", "vip"], read.Tags);
        Assert.Equal(36, read.Age);
        Assert.False(read.IsMinor);
        Assert.Equal("03940", Assert.Single(read.Addresses).PostalCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_finds_by_name_without_accents_by_email_by_phone_in_any_writing_and_by_tag(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();
        var maria = await contacts.CreateAsync(Maria);
        await contacts.CreateAsync(new ContactInput { GivenNames = "Juan", PaternalSurname = "Pérez", Phones = [new PhoneInput("+52 33 1111 2222")], Tags = ["vip"] });

        Assert.Equal(maria.Id, Assert.Single((await contacts.SearchAsync(new ContactSearch { Query = "maria lopez" })).Items).Id);
        Assert.Equal(maria.Id, Assert.Single((await contacts.SearchAsync(new ContactSearch { Query = "MARIA.TORRE@example.com" })).Items).Id);
        Assert.Equal(maria.Id, Assert.Single((await contacts.SearchAsync(new ContactSearch { Phone = "(55) 1234-5678" })).Items).Id);
        Assert.Equal(maria.Id, Assert.Single((await contacts.SearchAsync(new ContactSearch { Query = "5512345678" })).Items).Id);
        Assert.Equal(maria.Id, Assert.Single((await contacts.SearchAsync(new ContactSearch { Query = "1234 5678" })).Items).Id);
        await Assert.ThrowsAsync<ValidationFailedException>(() => contacts.SearchAsync(new ContactSearch { Phone = "12" }));
        Assert.Equal(2, (await contacts.SearchAsync(new ContactSearch { Tags = ["vip"] })).Total);
        Assert.Equal(maria.Id, Assert.Single((await contacts.SearchAsync(new ContactSearch { Tags = ["vip", "newsletter"] })).Items).Id);
        Assert.Empty((await contacts.SearchAsync(new ContactSearch { Query = "gonzalez" })).Items);

        var page = await contacts.SearchAsync(new ContactSearch { PageSize = 1, Page = 2 });
        Assert.Equal(2, page.Total);
        Assert.Equal(2, page.PageCount);
        Assert.Equal(maria.Id, Assert.Single(page.Items).Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_values_are_refused_with_every_field_named_and_nothing_is_written(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        await core.Get<CustomFieldService>().CreateAsync(new CustomFieldInput("talla", "Talla", CustomFieldType.Choice, AllowedValues: ["CH", "M", "G"]));
        var contacts = core.Get<ContactService>();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => contacts.CreateAsync(Maria with
        {
            Emails = [new EmailInput("ok@example.com"), new EmailInput("no-at-sign")],
            Phones = [new PhoneInput("123")],
            Gender = "quizá",
            CustomFields = new JsonObject { ["talla"] = "XXL", ["color"] = "rojo" },
        }));

        var fields = ex.Errors.Select(e => e.Field).ToHashSet();
        Assert.Contains("emails[1].address", fields);
        Assert.Contains("phones[0].number", fields);
        Assert.Contains("customFields.talla", fields);
        Assert.Contains("customFields.color", fields);
        Assert.Contains("gender", fields);
        await using var db = core.Open();
        Assert.Equal(0, await db.Set<Contact>().CountAsync());
        Assert.Equal(0, await db.Set<ContactEmail>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Custom_fields_follow_type_required_choices_and_rule(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var fields = core.Get<CustomFieldService>();
        await fields.CreateAsync(new CustomFieldInput("curp", "CURP", CustomFieldType.Text, ValidationPattern: "^[A-Z]{4}[0-9]{6}[A-Z0-9]{8}$"));
        await fields.CreateAsync(new CustomFieldInput("hijos", "Hijos", CustomFieldType.Number, Required: true, MinNumber: 0, MaxNumber: 20));
        await fields.CreateAsync(new CustomFieldInput("intereses", "Intereses", CustomFieldType.MultiChoice, AllowedValues: ["Deporte", "Moda"]));
        var contacts = core.Get<ContactService>();

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => contacts.CreateAsync(new ContactInput { GivenNames = "Ana" }));
        Assert.Equal("customFields.hijos", Assert.Single(missing.Errors).Field);

        var badRule = await Assert.ThrowsAsync<ValidationFailedException>(() => contacts.CreateAsync(new ContactInput
        {
            GivenNames = "Ana",
            CustomFields = new JsonObject { ["hijos"] = 25, ["curp"] = "nope", ["intereses"] = new JsonArray("Cine") },
        }));
        Assert.Equal(["customFields.curp", "customFields.hijos", "customFields.intereses"], badRule.Errors.Select(e => e.Field).Order());

        var ok = await contacts.CreateAsync(new ContactInput
        {
            GivenNames = "Ana",
            CustomFields = new JsonObject { ["hijos"] = "2", ["curp"] = "GOMA900101MDFRRN09", ["intereses"] = new JsonArray("moda", "Moda", "deporte") },
        });
        Assert.Equal(2m, ok.CustomFields["hijos"]!.GetValue<decimal>());
        Assert.Equal(["Moda", "Deporte"], ok.CustomFields["intereses"]!.AsArray().Select(n => n!.GetValue<string>()));

        await Assert.ThrowsAsync<ConflictException>(() => fields.CreateAsync(new CustomFieldInput("curp", "Otra", CustomFieldType.Text)));
        var badDefinition = await Assert.ThrowsAsync<ValidationFailedException>(() => fields.CreateAsync(new CustomFieldInput("Bad Key", "", CustomFieldType.Choice, ValidationPattern: "(")));
        Assert.Equal(["allowedValues", "key", "label", "validationPattern", "validationPattern"], badDefinition.Errors.Select(e => e.Field).Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Update_replaces_lists_keeping_surviving_emails_and_delete_removes_everything(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();
        var created = await contacts.CreateAsync(Maria);
        var keptEmailId = created.Emails[0].Id;

        var updated = await contacts.UpdateAsync(created.Id, Maria with
        {
            Emails = [new EmailInput("nueva@example.mx", IsPrimary: true), new EmailInput("maria.torre@example.com")],
            Phones = [],
            Addresses = [new AddressInput(City: "Guadalajara", PostalCode: "44100")],
            Tags = ["vip"],
        });

        Assert.Equal(2, updated.Emails.Count);
        Assert.Equal("nueva@example.mx", updated.Emails[0].Address);
        Assert.Equal(keptEmailId, updated.Emails.Single(e => e.Address == "maria.torre@example.com").Id);
        Assert.Empty(updated.Phones);
        Assert.Equal("Guadalajara", Assert.Single(updated.Addresses).City);
        Assert.Equal(["vip"], updated.Tags);
        await using (var db = core.Open())
        {
            Assert.Equal(1, await db.Set<PostalAddress>().CountAsync());
        }

        await contacts.DeleteAsync(created.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => contacts.GetAsync(created.Id));
        await using (var db = core.Open())
        {
            Assert.Equal(0, await db.Set<ContactEmail>().CountAsync());
            Assert.Equal(0, await db.Set<PostalAddress>().CountAsync());
            Assert.Equal(0, await db.Set<ContactTag>().CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Organizations_hold_members_with_role_title_and_decision_maker(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var organizations = core.Get<OrganizationService>();
        var person = await core.Get<ContactService>().CreateAsync(Maria);

        var acme = await organizations.CreateAsync(new OrganizationInput { Name = "Acme Industrial", Domain = "https://www.Acme.com.mx/contacto", EmployeeCount = 120, Industry = "Manufactura" });
        Assert.Equal("acme.com.mx", acme.Domain);
        Assert.Equal(CompanySize.Medium, acme.Size);

        var membership = await organizations.AddMembershipAsync(acme.Id, new MembershipInput(person.Id, "Compras", "Gerente de compras", IsDecisionMaker: true));
        Assert.Equal("Acme Industrial", membership.OrganizationName);
        var members = await organizations.ListMembersAsync(acme.Id);
        Assert.True(Assert.Single(members).IsDecisionMaker);
        Assert.Equal(acme.Id, Assert.Single(await organizations.ListForContactAsync(person.Id)).OrganizationId);
        Assert.Equal(1, (await organizations.SearchAsync("acme")).Total);

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => organizations.AddMembershipAsync(acme.Id, new MembershipInput(Guid.NewGuid())));
        Assert.Equal("contactId", Assert.Single(bad.Errors).Field);

        await organizations.RemoveMembershipAsync(acme.Id, membership.Id);
        Assert.Empty(await organizations.ListMembersAsync(acme.Id));
    }
}
