using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bogus;
using PhoneNumbers;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Ingestion.Normalization;
using Vinculo.Orders;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.Demo;

/// <summary>Every row of the demo workspace, generated in memory before one bulk write.</summary>
internal sealed class DemoData
{
    public required Workspace Workspace { get; init; }
    public List<CustomFieldDefinition> FieldDefinitions { get; } = [];
    public List<Product> Products { get; } = [];
    public List<Organization> Organizations { get; } = [];
    public List<Contact> Contacts { get; } = [];
    public List<ContactEmail> Emails { get; } = [];
    public List<ContactPhone> Phones { get; } = [];
    public List<PostalAddress> Addresses { get; } = [];
    public List<ContactTag> Tags { get; } = [];
    public List<GuardianLink> GuardianLinks { get; } = [];
    public List<OrganizationMembership> Memberships { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<OrderLine> OrderLines { get; } = [];
    public List<Interaction> Interactions { get; } = [];
    public List<ConsentRecord> Consents { get; } = [];
}

/// <summary>
/// Deterministic generator: one seeded <see cref="Random"/> (and a Bogus es_MX faker seeded from it)
/// drives every choice, ids included, so a seed and a clock always give the same workspace.
/// </summary>
internal sealed class DemoGenerator
{
    private const int AgeOfMajority = 18;
    private static readonly PhoneNumberUtil PhoneUtil = PhoneNumberUtil.GetInstance();
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly DemoOptions _options;
    private readonly DateTime _now;
    private readonly DateOnly _today;
    private readonly Random _random;
    private readonly Faker _faker;
    private readonly HashSet<string> _emailsTaken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phonesTaken = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Person> _people = [];
    private readonly List<Person> _adults = [];
    private readonly DemoData _data;
    private readonly List<int> _childrensProducts = [];
    private int _orderNumber;
    private int _turningAdult;

    public DemoGenerator(DemoOptions options, DateTime now, DateOnly today)
    {
        _options = options;
        _now = now;
        _today = today;
        _random = new Random(options.Seed);
        _faker = new Faker("es_MX") { Random = new Randomizer(options.Seed) };
        _data = new DemoData
        {
            Workspace = new Workspace
            {
                Id = NextId(now),
                Name = "Demo",
                Slug = DemoSeeder.Slug,
                CountryCode = "MX",
                AgeOfMajority = AgeOfMajority,
                DefaultLocale = "es-MX",
                TimeZone = "America/Mexico_City",
                CreatedAt = now,
            },
        };
    }

    /// <summary>What the generator knows about a person beyond the stored row: drives orders and events.</summary>
    private sealed record Person(Contact Contact, DemoCity City, bool IsMinor, bool HasChildren)
    {
        public ContactEmail? Email { get; set; }
        public ContactPhone? Phone { get; set; }
        /// <summary>0–1: how likely this person opens, clicks, visits and buys again.</summary>
        public double Engagement { get; set; }
    }

    private enum BuyerKind
    {
        Never,
        OneTime,
        Occasional,
        Loyal,
        Lapsed,
    }

    public DemoData Generate()
    {
        AddFieldDefinitions();
        AddProducts();
        while (_data.Contacts.Count < _options.People)
        {
            AddHousehold(_options.People - _data.Contacts.Count);
        }

        AddOrganizations();
        AddOrders();
        AddCampaignEvents();
        AddWebVisits();
        return _data;
    }

    // ---- reference data -------------------------------------------------------------------------

    private void AddFieldDefinitions()
    {
        CustomFieldDefinition Field(string key, string label, CustomFieldType type, CustomFieldTarget target = CustomFieldTarget.Contact) =>
            new() { Id = NextId(_now), Key = key, Label = label, Type = type, Target = target };

        var size = Field("talla", "Talla", CustomFieldType.Choice);
        size.AllowedValues = [.. DemoCatalog.Sizes];
        var channel = Field("canal_preferido", "Canal preferido", CustomFieldType.Choice);
        channel.AllowedValues = [.. DemoCatalog.PreferredChannels];
        var loyalty = Field("numero_lealtad", "Número de lealtad", CustomFieldType.Text);
        loyalty.ValidationPattern = @"^LEA-\d{8}$";
        var pets = Field("mascotas", "Número de mascotas", CustomFieldType.Number);
        pets.MinNumber = 0;
        pets.MaxNumber = 10;
        var credit = Field("dias_credito", "Días de crédito", CustomFieldType.Number, CustomFieldTarget.Organization);
        credit.MinNumber = 0;
        credit.MaxNumber = 120;
        var segment = Field("segmento_b2b", "Segmento B2B", CustomFieldType.Choice, CustomFieldTarget.Organization);
        segment.AllowedValues = ["Mayorista", "Distribuidor", "Corporativo", "PyME"];
        _data.FieldDefinitions.AddRange([size, channel, loyalty, pets, credit, segment]);
    }

    private void AddProducts()
    {
        foreach (var p in DemoCatalog.Products)
        {
            if (p.Category is "Infantil" or "Juguetes")
            {
                _childrensProducts.Add(_data.Products.Count);
            }

            _data.Products.Add(new Product { Id = NextId(_now), Sku = p.Sku, Name = p.Name, Category = p.Category, Price = p.Price, Currency = "MXN" });
        }
    }

    // ---- people and families --------------------------------------------------------------------

    /// <summary>One household: a single adult, a couple, or adults with the minors they are responsible for.</summary>
    private void AddHousehold(int room)
    {
        var city = PickCity();
        var createdAt = _now.AddDays(-_random.Next(1, 1500)).AddMinutes(-_random.Next(0, 1440));
        var address = NewAddressTemplate(city);
        var roll = _random.NextDouble();
        if (room == 1 || roll < 0.48)
        {
            AddAdult(RandomGender(), city, address, createdAt, AdultAge(18, 80));
            return;
        }

        if (room == 2 || roll < 0.62)
        {
            AddAdult("male", city, address, createdAt, AdultAge(22, 75));
            AddAdult("female", city, address, createdAt, AdultAge(22, 75));
            return;
        }

        var childAges = Enumerable.Range(0, Math.Min(room - 2, 1 + Weighted(50, 35, 15))).Select(_ => _random.Next(0, AgeOfMajority)).ToList();
        if (childAges.Count == 0)
        {
            AddAdult(RandomGender(), city, address, createdAt, AdultAge(18, 80));
            return;
        }

        var parentAge = Math.Min(childAges.Max() + _random.Next(20, 36), 64);
        if (roll < 0.86)
        {
            // Two parents: every child has a mother and a father on file.
            var father = AddAdult("male", city, address, createdAt, parentAge + _random.Next(0, 4), LastName(), hasChildren: true);
            var mother = AddAdult("female", city, address, createdAt, parentAge, LastName(), hasChildren: true);
            foreach (var age in childAges)
            {
                var child = AddMinor(city, address, createdAt, age, father.Contact.PaternalSurname!, mother.Contact.PaternalSurname!);
                Link(mother, child, GuardianRelationship.Mother);
                Link(father, child, GuardianRelationship.Father);
            }
        }
        else if (roll < 0.95)
        {
            var gender = _random.NextDouble() < 0.75 ? "female" : "male";
            var parent = AddAdult(gender, city, address, createdAt, parentAge, LastName(), hasChildren: true);
            var otherSurname = LastName();
            foreach (var age in childAges)
            {
                var child = gender == "female"
                    ? AddMinor(city, address, createdAt, age, otherSurname, parent.Contact.PaternalSurname!)
                    : AddMinor(city, address, createdAt, age, parent.Contact.PaternalSurname!, otherSurname);
                Link(parent, child, gender == "female" ? GuardianRelationship.Mother : GuardianRelationship.Father);
            }
        }
        else
        {
            // A grandmother or an aunt raising the children: a guardian who is not a parent.
            var maternal = LastName();
            var paternal = LastName();
            var caregiver = AddAdult("female", city, address, createdAt, Math.Min(parentAge + 22, 80), maternal, hasChildren: true);
            var relationship = _random.NextDouble() < 0.6 ? GuardianRelationship.OtherResponsibleAdult : GuardianRelationship.LegalGuardian;
            foreach (var age in childAges)
            {
                Link(caregiver, AddMinor(city, address, createdAt, age, paternal, maternal), relationship);
            }
        }
    }

    private Person AddAdult(string gender, DemoCity city, PostalAddress address, DateTime createdAt, int age, string? paternal = null, bool hasChildren = false)
    {
        var birth = _today.AddYears(-age).AddDays(-_random.Next(0, 365));
        var person = AddPerson(gender, paternal ?? LastName(), LastName(), birth, city, createdAt, isMinor: false, hasChildren);
        var contact = person.Contact;
        contact.ExternalId = _random.NextDouble() < 0.4 ? $"CLI-{_data.Contacts.Count:D7}" : null;
        contact.Locale = _random.NextDouble() < 0.96 ? "es-MX" : "en-US";
        if (_random.NextDouble() < 0.95)
        {
            person.Email = AddEmail(contact, EmailLocalPart(contact), "personal", primary: true);
            if (_random.NextDouble() < 0.25)
            {
                AddEmail(contact, EmailLocalPart(contact), "personal", primary: false);
            }
        }

        if (_random.NextDouble() < 0.9)
        {
            person.Phone = AddPhone(contact, city, "mobile", primary: true);
            if (_random.NextDouble() < 0.12)
            {
                AddPhone(contact, city, "home", primary: false);
            }
        }

        if (_random.NextDouble() < 0.9)
        {
            AddAddress(contact, address);
        }

        var tags = DemoCatalog.Tags.Where(_ => _random.NextDouble() < 0.12).ToList();
        if (hasChildren && _random.NextDouble() < 0.5)
        {
            tags.Add("familia");
        }

        foreach (var tag in tags)
        {
            _data.Tags.Add(new ContactTag { ContactId = contact.Id, Name = tag });
        }

        var fields = new Dictionary<string, object>();
        if (_random.NextDouble() < 0.6)
        {
            fields["talla"] = Pick(DemoCatalog.Sizes);
        }

        if (_random.NextDouble() < 0.7)
        {
            fields["canal_preferido"] = Pick(DemoCatalog.PreferredChannels);
        }

        if (contact.ExternalId is not null)
        {
            fields["numero_lealtad"] = $"LEA-{_random.Next(10_000_000, 99_999_999)}";
        }

        if (_random.NextDouble() < 0.3)
        {
            fields["mascotas"] = _random.Next(1, 4);
        }

        contact.CustomFields = JsonSerializer.Serialize(fields, Json);
        _adults.Add(person);
        return person;
    }

    private Person AddMinor(DemoCity city, PostalAddress address, DateTime createdAt, int age, string paternal, string maternal)
    {
        // A few teenagers come of age within the next six weeks, so age-out flows have something to show.
        var birth = _turningAdult < 3 || _random.NextDouble() < 0.015
            ? _today.AddYears(-AgeOfMajority).AddDays(_random.Next(1, 43))
            : _today.AddYears(-age).AddDays(-_random.Next(0, 365));
        if (birth <= _today.AddYears(-AgeOfMajority + 1))
        {
            _turningAdult++;
        }

        var person = AddPerson(RandomGender(), paternal, maternal, birth, city, createdAt, isMinor: true, hasChildren: false);
        var contact = person.Contact;
        contact.Locale = "es-MX";
        var years = AgePolicy.AgeOn(birth, _today);
        if (years >= 15 && _random.NextDouble() < 0.5)
        {
            person.Email = AddEmail(contact, EmailLocalPart(contact), "personal", primary: true);
        }

        if (years >= 14 && _random.NextDouble() < 0.6)
        {
            person.Phone = AddPhone(contact, city, "mobile", primary: true);
        }

        AddAddress(contact, address);
        return person;
    }

    private Person AddPerson(string gender, string paternal, string maternal, DateOnly birth, DemoCity city, DateTime createdAt, bool isMinor, bool hasChildren)
    {
        var given = GivenNames(gender);
        var display = Contact.ComposeDisplayName(given, paternal, maternal);
        var contact = new Contact
        {
            Id = NextId(createdAt),
            GivenNames = given,
            PaternalSurname = paternal,
            MaternalSurname = maternal,
            DisplayName = display,
            SearchName = Normalize.SearchKey(display),
            BirthDate = birth,
            Gender = gender,
            TimeZone = city.TimeZone,
            Status = ContactStatus.Active,
            CreatedAt = createdAt,
            UpdatedAt = createdAt.AddDays(_random.Next(0, 30)) is var u && u < _now ? u : createdAt,
        };
        var person = new Person(contact, city, isMinor, hasChildren) { Engagement = Math.Pow(_random.NextDouble(), 1.6) };
        _data.Contacts.Add(contact);
        _people[contact.Id] = person;
        return person;
    }

    private void Link(Person guardian, Person minor, GuardianRelationship relationship) =>
        _data.GuardianLinks.Add(new GuardianLink
        {
            Id = NextId(minor.Contact.CreatedAt),
            GuardianId = guardian.Contact.Id,
            MinorId = minor.Contact.Id,
            Relationship = relationship,
            CreatedAt = minor.Contact.CreatedAt,
        });

    private string GivenNames(string gender)
    {
        // Our own lists: Bogus's es_MX first names are not split by gender (it gave women "Alejandro").
        var names = gender == "female" ? DemoCatalog.FemaleNames : DemoCatalog.MaleNames;
        var first = Pick(names);
        var roll = _random.NextDouble();
        if (gender == "female" && roll < 0.1 && first != "María")
        {
            return "María " + first;
        }

        if (roll < 0.25)
        {
            var second = Pick(names);
            return second == first ? first : first + " " + second;
        }

        return first;
    }

    private string LastName() => _faker.Name.LastName();

    private string RandomGender() => _random.NextDouble() < 0.52 ? "female" : "male";

    // Working-age people dominate; the tails thin out.
    private int AdultAge(int min, int max) => Math.Clamp((int)Math.Round(min + ((max - min) * Math.Pow(_random.NextDouble(), 1.3))), min, max);

    private ContactEmail AddEmail(Contact contact, string localPart, string label, bool primary, string? domain = null)
    {
        domain ??= Pick(DemoCatalog.EmailDomains);
        var address = $"{localPart}@{domain}";
        while (!_emailsTaken.Add(address))
        {
            address = $"{localPart}{_random.Next(1, 9999)}@{domain}";
        }

        var statusRoll = _random.NextDouble();
        var email = new ContactEmail
        {
            Id = NextId(contact.CreatedAt),
            ContactId = contact.Id,
            Address = address,
            Label = label,
            IsPrimary = primary,
            Status = statusRoll < 0.03 ? ChannelAddressStatus.HardBounced
                : statusRoll < 0.05 ? ChannelAddressStatus.SoftBounced
                : statusRoll < 0.10 ? ChannelAddressStatus.Unverified
                : ChannelAddressStatus.Valid,
        };
        _data.Emails.Add(email);
        return email;
    }

    private string EmailLocalPart(Contact contact)
    {
        var given = AsciiWord(contact.GivenNames!.Split(' ')[0]);
        var paternal = AsciiWord(contact.PaternalSurname!);
        var maternal = AsciiWord(contact.MaternalSurname ?? "");
        var year = contact.BirthDate!.Value.Year % 100;
        return _random.Next(0, 5) switch
        {
            0 => $"{given}.{paternal}",
            1 => $"{given}{paternal}{year:D2}",
            2 => $"{given[0]}{paternal}{maternal[..Math.Min(1, maternal.Length)]}",
            3 => $"{given}_{paternal}",
            _ => $"{paternal}.{given}{_random.Next(1, 99)}",
        };
    }

    private static string AsciiWord(string value)
    {
        var key = Normalize.SearchKey(value);
        var sb = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 ? "contacto" : sb.ToString();
    }

    /// <summary>A number libphonenumber accepts for Mexico, unique in the workspace, in E.164.</summary>
    private ContactPhone AddPhone(Contact contact, DemoCity city, string label, bool primary)
    {
        string number;
        do
        {
            var subscriber = new StringBuilder(city.AreaCode);
            // Subscriber numbers do not start with 0 or 1.
            subscriber.Append((char)('2' + _random.Next(0, 8)));
            while (subscriber.Length < 10)
            {
                subscriber.Append((char)('0' + _random.Next(0, 10)));
            }

            number = "+52" + subscriber;
        }
        while (!IsValidMexicanNumber(number) || !_phonesTaken.Add(number));

        var phone = new ContactPhone { Id = NextId(contact.CreatedAt), ContactId = contact.Id, Number = number, Label = label, IsPrimary = primary, Status = ChannelAddressStatus.Valid };
        _data.Phones.Add(phone);
        return phone;
    }

    private static bool IsValidMexicanNumber(string e164)
    {
        var parsed = PhoneUtil.Parse(e164, "MX");
        return PhoneUtil.IsValidNumber(parsed) && PhoneUtil.GetRegionCodeForNumber(parsed) == "MX";
    }

    private PostalAddress NewAddressTemplate(DemoCity city) => new()
    {
        Label = "casa",
        Street = Pick(DemoCatalog.Streets),
        ExteriorNumber = _random.Next(1, 2500).ToString(CultureInfo.InvariantCulture),
        InteriorNumber = _random.NextDouble() < 0.3 ? $"Depto {_random.Next(1, 12)}{(char)('A' + _random.Next(0, 4))}" : null,
        Neighborhood = Pick(DemoCatalog.Neighborhoods),
        City = city.Name,
        State = city.State,
        PostalCode = _random.Next(city.PostalCodeFrom, city.PostalCodeTo + 1).ToString("D5", CultureInfo.InvariantCulture),
        CountryCode = "MX",
        IsPrimary = true,
    };

    // Household members share the address; each person gets a row of their own.
    private void AddAddress(Contact contact, PostalAddress template) => _data.Addresses.Add(new PostalAddress
    {
        Id = NextId(contact.CreatedAt),
        ContactId = contact.Id,
        Label = template.Label,
        Street = template.Street,
        ExteriorNumber = template.ExteriorNumber,
        InteriorNumber = template.InteriorNumber,
        Neighborhood = template.Neighborhood,
        City = template.City,
        State = template.State,
        PostalCode = template.PostalCode,
        CountryCode = template.CountryCode,
        IsPrimary = true,
    });

    // ---- organizations --------------------------------------------------------------------------

    private void AddOrganizations()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var members = new HashSet<Guid>();
        for (var i = 0; i < _options.Organizations; i++)
        {
            var industry = Pick(DemoCatalog.Industries);
            var name = $"{Pick(industry.NamePrefixes)} {Pick(DemoCatalog.OrganizationNames)}";
            if (!names.Add(name))
            {
                // Taken: place it in a city, and number it if even that is taken.
                name = $"{name} de {PickCity().Name}";
                if (!names.Add(name))
                {
                    name = $"{name} {i + 1}";
                    names.Add(name);
                }
            }

            var employees = Weighted(25, 30, 25, 12, 8) switch
            {
                0 => _random.Next(1, 11),
                1 => _random.Next(11, 51),
                2 => _random.Next(51, 251),
                3 => _random.Next(251, 1001),
                _ => _random.Next(1001, 20_000),
            };
            var country = Weighted(90, 5, 2, 2, 1) switch { 0 => "MX", 1 => "US", 2 => "CO", 3 => "GT", _ => "ES" };
            var tld = country == "MX" ? (_random.NextDouble() < 0.8 ? ".com.mx" : ".mx") : ".com";
            var createdAt = _now.AddDays(-_random.Next(30, 1500));
            var org = new Organization
            {
                Id = NextId(createdAt),
                Name = name,
                LegalName = $"{name} {Pick(DemoCatalog.LegalForms)}",
                TaxId = country == "MX" ? Rfc(name, createdAt) : null,
                Industry = industry.Name,
                EmployeeCount = employees,
                Size = Organization.SizeFor(employees),
                CountryCode = country,
                Domain = AsciiWord(name) + tld,
                CustomFields = JsonSerializer.Serialize(
                    new Dictionary<string, object>
                    {
                        ["dias_credito"] = _random.Next(0, 5) * 15,
                        ["segmento_b2b"] = employees > 250 ? "Corporativo" : Pick(["Mayorista", "Distribuidor", "PyME"]),
                    },
                    Json),
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            };
            _data.Organizations.Add(org);
            if (country == "MX")
            {
                var office = NewAddressTemplate(PickCity());
                office.Id = NextId(createdAt);
                office.OrganizationId = org.Id;
                office.Label = "oficina";
                office.Street = "Av. " + Pick(DemoCatalog.OrganizationNames);
                _data.Addresses.Add(office);
            }

            AddMembers(org, members);
        }
    }

    private void AddMembers(Organization org, HashSet<Guid> members)
    {
        var (min, max) = org.Size switch
        {
            CompanySize.Micro => (1, 2),
            CompanySize.Small => (1, 3),
            CompanySize.Medium => (2, 5),
            CompanySize.Large => (3, 7),
            _ => (4, 10),
        };
        var count = _random.Next(min, max + 1);
        for (var i = 0; i < count && _adults.Count > 0; i++)
        {
            var person = _adults[_random.Next(_adults.Count)];
            // Most people work at one organization; a few sit at two.
            if (!members.Add(person.Contact.Id) && _random.NextDouble() < 0.9)
            {
                continue;
            }

            var (role, titles) = i == 0 ? DemoCatalog.Roles[0] : Pick(DemoCatalog.Roles);
            var title = Pick(titles);
            var senior = role == "Dirección" || title.StartsWith("Director", StringComparison.Ordinal) || title.StartsWith("Gerente", StringComparison.Ordinal) || title.StartsWith("Jef", StringComparison.Ordinal);
            var started = _today.AddDays(-_random.Next(60, 3650));
            var ended = _random.NextDouble() < 0.05 ? started.AddDays(_random.Next(30, 600)) : (DateOnly?)null;
            _data.Memberships.Add(new OrganizationMembership
            {
                Id = NextId(org.CreatedAt),
                OrganizationId = org.Id,
                ContactId = person.Contact.Id,
                Role = role,
                Title = title,
                IsDecisionMaker = role == "Dirección" || (senior && _random.NextDouble() < 0.6) || _random.NextDouble() < 0.08,
                StartedOn = started,
                EndedOn = ended < _today ? ended : null,
            });
            if (org.Domain is not null && _random.NextDouble() < 0.7)
            {
                var work = $"{AsciiWord(person.Contact.GivenNames!.Split(' ')[0])}.{AsciiWord(person.Contact.PaternalSurname!)}";
                AddEmail(person.Contact, work, "work", primary: false, domain: org.Domain);
            }
        }
    }

    // RFC of a legal person: three letters, the founding date, a three-character check code.
    private string Rfc(string name, DateTime founded)
    {
        var letters = new string([.. AsciiWord(name).ToUpperInvariant().Where(char.IsLetter).Take(3)]).PadRight(3, 'X');
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        var check = new string([.. Enumerable.Range(0, 3).Select(_ => alphabet[_random.Next(alphabet.Length)])]);
        return $"{letters}{founded:yyMMdd}{check}";
    }

    // ---- orders ---------------------------------------------------------------------------------

    private void AddOrders()
    {
        var yearAgo = _now.AddDays(-365);
        foreach (var person in _adults)
        {
            var kind = (BuyerKind)Weighted(30, 25, 12, 18, 15);
            var from = person.Contact.CreatedAt > yearAgo ? person.Contact.CreatedAt : yearAgo;
            if (kind == BuyerKind.Lapsed && from > _now.AddDays(-200))
            {
                kind = BuyerKind.OneTime;
            }

            var (count, windowFrom, windowTo) = kind switch
            {
                BuyerKind.OneTime => (1, from, _now),
                BuyerKind.Occasional => (_random.Next(2, 4), from, _now),
                BuyerKind.Loyal => (_random.Next(5, 15), from, _now),
                BuyerKind.Lapsed => (_random.Next(2, 7), from, _now.AddDays(-180)),
                _ => (0, from, _now),
            };
            if (kind == BuyerKind.Loyal)
            {
                person.Engagement = Math.Max(person.Engagement, 0.5 + (_random.NextDouble() / 2));
            }

            var homeChannel = PickChannel();
            for (var i = 0; i < count; i++)
            {
                var at = RandomMoment(windowFrom, windowTo);
                // Loyal customers have bought recently: their last order falls in the last month.
                if (kind == BuyerKind.Loyal && i == 0)
                {
                    at = RandomMoment(_now.AddDays(-30) > windowFrom ? _now.AddDays(-30) : windowFrom, _now);
                }

                AddOrder(person, _random.NextDouble() < 0.7 ? homeChannel : PickChannel(), at, organizationId: null, wholesale: false);
            }
        }

        // Wholesale orders placed by members on behalf of their organizations.
        foreach (var membership in _data.Memberships.Where(_ => _random.NextDouble() < 0.2))
        {
            var person = _people[membership.ContactId];
            for (var i = _random.Next(1, 6); i > 0; i--)
            {
                AddOrder(person, _random.NextDouble() < 0.5 ? SalesChannel.Phone : SalesChannel.Web, RandomMoment(yearAgo, _now), membership.OrganizationId, wholesale: true);
            }
        }
    }

    private void AddOrder(Person person, SalesChannel channel, DateTime at, Guid? organizationId, bool wholesale)
    {
        var number = ++_orderNumber;
        var inStore = channel is SalesChannel.Store or SalesChannel.Pos;
        var order = new Order
        {
            Id = NextId(at),
            ContactId = person.Contact.Id,
            OrganizationId = organizationId,
            Channel = channel,
            OrderedAt = at,
            Currency = "MXN",
            StoreCode = inStore ? person.City.StoreCode : null,
            IsCancelled = _random.NextDouble() < 0.02,
            ExternalId = channel switch
            {
                SalesChannel.Pos => $"T-{person.City.StoreCode}-{number:D7}",
                SalesChannel.Store => $"S-{person.City.StoreCode}-{number:D7}",
                SalesChannel.Web => $"W-{number:D8}",
                SalesChannel.Phone => $"TEL-{number:D7}",
                _ => $"MKT-{number:D8}",
            },
        };

        var lines = 1 + Weighted(50, 30, 15, 5);
        var used = new HashSet<int>();
        for (var i = 0; i < lines; i++)
        {
            var index = PickProductIndex(person.HasChildren);
            if (!used.Add(index))
            {
                continue;
            }

            var product = _data.Products[index];
            var quantity = wholesale ? _random.Next(10, 51) : 1 + Weighted(80, 15, 5);
            var unitPrice = product.Price!.Value;
            if (wholesale || _random.NextDouble() < 0.15)
            {
                unitPrice = Math.Round(unitPrice * (1 - (_random.Next(10, 31) / 100m)), 2);
            }

            var line = new OrderLine
            {
                Id = NextId(at),
                OrderId = order.Id,
                ProductId = product.Id,
                Sku = product.Sku,
                Description = product.Name,
                Quantity = quantity,
                UnitPrice = unitPrice,
                LineTotal = unitPrice * quantity,
            };
            order.Total += line.LineTotal;
            _data.OrderLines.Add(line);
        }

        _data.Orders.Add(order);
        var type = channel == SalesChannel.Pos ? "pos.purchase" : "order.placed";
        AddEvent(person.Contact, type, channel.ToString().ToLowerInvariant(), at, $"demo:order:{order.ExternalId}", new Dictionary<string, object?>
        {
            ["order_id"] = order.Id,
            ["external_id"] = order.ExternalId,
            ["total"] = order.Total,
            ["currency"] = "MXN",
            ["store"] = order.StoreCode,
            ["items"] = used.Count,
        });
    }

    private int PickProductIndex(bool hasChildren) =>
        // Parents buy the children's range far more often than anyone else.
        hasChildren && _random.NextDouble() < 0.4
            ? _childrensProducts[_random.Next(_childrensProducts.Count)]
            : _random.Next(_data.Products.Count);

    // ---- timeline -------------------------------------------------------------------------------

    private void AddCampaignEvents()
    {
        // Marketing consent as a store collects it: most adults give it when they sign up, a few refuse,
        // a few later unsubscribe; campaigns go only to people whose consent stands on the day.
        var emailable = WithMarketingConsent(_people.Values.Where(p => p.Email is not null && !p.IsMinor), ConsentChannel.Email, 0.04, 0.06, out var emailOptOuts);
        for (var send = 0; send < 24; send++)
        {
            var sentAt = _now.AddDays(-365 + (send * 15) + 3).Date.AddHours(16).AddMinutes(_random.Next(0, 30));
            var campaign = DemoCatalog.EmailCampaigns[sentAt.Month - 1];
            var campaignKey = $"em{send + 1:D2}";
            foreach (var person in emailable)
            {
                if (person.Contact.CreatedAt > sentAt || emailOptOuts.GetValueOrDefault(person.Contact.Id, DateTime.MaxValue) <= sentAt || _random.NextDouble() > 0.6)
                {
                    continue;
                }

                var email = person.Email!;
                var properties = new Dictionary<string, object?> { ["campaign"] = campaign, ["campaign_key"] = campaignKey, ["address"] = email.Address };
                if (email.Status == ChannelAddressStatus.HardBounced)
                {
                    AddEvent(person.Contact, "email.bounced", "email", sentAt.AddMinutes(1), $"demo:{campaignKey}:{person.Contact.Id:N}:bounced", properties);
                    continue;
                }

                AddEvent(person.Contact, "email.delivered", "email", sentAt.AddMinutes(_random.Next(1, 20)), $"demo:{campaignKey}:{person.Contact.Id:N}:delivered", properties);
                if (_random.NextDouble() < 0.1 + (0.5 * person.Engagement))
                {
                    var openedAt = sentAt.AddMinutes(_random.Next(5, 2880));
                    if (openedAt < _now)
                    {
                        AddEvent(person.Contact, "email.opened", "email", openedAt, $"demo:{campaignKey}:{person.Contact.Id:N}:opened", properties);
                        if (_random.NextDouble() < 0.1 + (0.3 * person.Engagement))
                        {
                            var clicked = new Dictionary<string, object?>(properties) { ["url"] = "https://tienda.example.mx" + Pick(DemoCatalog.WebPages) };
                            AddEvent(person.Contact, "email.clicked", "email", openedAt.AddSeconds(_random.Next(5, 600)), $"demo:{campaignKey}:{person.Contact.Id:N}:clicked", clicked);
                        }
                    }
                }
            }
        }

        var textable = WithMarketingConsent(_people.Values.Where(p => p.Phone is not null && !p.IsMinor), ConsentChannel.Sms, 0.25, 0.03, out var smsOptOuts);
        for (var send = 0; send < 6; send++)
        {
            var sentAt = _now.AddDays(-360 + (send * 60)).Date.AddHours(18);
            var campaign = DemoCatalog.EmailCampaigns[sentAt.Month - 1];
            foreach (var person in textable)
            {
                if (person.Contact.CreatedAt > sentAt || smsOptOuts.GetValueOrDefault(person.Contact.Id, DateTime.MaxValue) <= sentAt || _random.NextDouble() > 0.35)
                {
                    continue;
                }

                AddEvent(person.Contact, "sms.delivered", "sms", sentAt.AddSeconds(_random.Next(1, 300)), $"demo:sms{send + 1:D2}:{person.Contact.Id:N}:delivered", new Dictionary<string, object?>
                {
                    ["campaign"] = campaign,
                    ["number"] = person.Phone!.Number,
                });
            }
        }
    }

    private void AddWebVisits()
    {
        var yearAgo = _now.AddDays(-365);
        foreach (var person in _adults)
        {
            var visits = (int)Math.Round(_random.NextDouble() * 12 * person.Engagement);
            var from = person.Contact.CreatedAt > yearAgo ? person.Contact.CreatedAt : yearAgo;
            for (var i = 0; i < visits; i++)
            {
                var at = RandomMoment(from, _now);
                var eventId = NextId(at);
                AddEvent(person.Contact, "web.visit", "web", at, $"demo:web:{eventId:N}", new Dictionary<string, object?>
                {
                    ["page"] = Pick(DemoCatalog.WebPages),
                    ["utm_source"] = Pick(DemoCatalog.UtmSources),
                    ["device"] = _random.NextDouble() < 0.7 ? "mobile" : "desktop",
                });
            }
        }
    }

    /// <summary>
    /// Ledger entries for a channel's marketing consent: refused at sign-up by <paramref name="refused"/> of
    /// the people, granted by the rest, of whom <paramref name="unsubscribed"/> withdraw it later (when, in
    /// <paramref name="optOuts"/>). Returns the people who granted it.
    /// </summary>
    private List<Person> WithMarketingConsent(IEnumerable<Person> people, ConsentChannel channel, double refused, double unsubscribed, out Dictionary<Guid, DateTime> optOuts)
    {
        optOuts = [];
        var granted = new List<Person>();
        foreach (var person in people)
        {
            var signedUp = person.Contact.CreatedAt;
            var roll = _random.NextDouble();
            if (roll < refused)
            {
                AddConsent(person, channel, ConsentStatus.Denied, signedUp, "No desea recibir promociones");
                continue;
            }

            AddConsent(person, channel, ConsentStatus.Granted, signedUp, null);
            granted.Add(person);
            if (roll < refused + unsubscribed)
            {
                var withdrawn = signedUp.AddMinutes((_now - signedUp).TotalMinutes * _random.NextDouble());
                AddConsent(person, channel, ConsentStatus.Withdrawn, withdrawn, channel == ConsentChannel.Email ? "Enlace para darse de baja del correo" : "Respondió BAJA al SMS");
                optOuts[person.Contact.Id] = withdrawn;
            }
        }

        return granted;
    }

    private void AddConsent(Person person, ConsentChannel channel, ConsentStatus status, DateTime at, string? reason)
    {
        var granted = status == ConsentStatus.Granted;
        _data.Consents.Add(new ConsentRecord
        {
            Id = NextId(at),
            ContactId = person.Contact.Id,
            Channel = channel,
            Purpose = ConsentPurpose.Marketing,
            Status = status,
            Source = status == ConsentStatus.Withdrawn ? "one-click" : "web-form",
            NoticeVersion = status == ConsentStatus.Withdrawn ? null : "AP-2025-01",
            Evidence = granted ? "Casilla marcada en el registro en línea" : null,
            GivenByContactId = person.Contact.Id,
            Reason = reason,
            OccurredAt = at,
            RecordedAt = at,
            RecordedBy = "demo",
        });
    }

    private void AddEvent(Contact contact, string type, string channel, DateTime at, string key, Dictionary<string, object?> properties) =>
        _data.Interactions.Add(new Interaction
        {
            Id = NextId(at),
            ContactId = contact.Id,
            Type = type,
            Channel = channel,
            OccurredAt = at,
            RecordedAt = at.AddSeconds(_random.Next(1, 120)),
            Properties = JsonSerializer.Serialize(properties, Json),
            IdempotencyKey = key,
            Source = "demo",
        });

    // ---- helpers --------------------------------------------------------------------------------

    /// <summary>A version-7 GUID for <paramref name="at"/> whose random part comes from the seed.</summary>
    private Guid NextId(DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var ms = (ulong)new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private DateTime RandomMoment(DateTime from, DateTime to)
    {
        if (to <= from)
        {
            return from;
        }

        var moment = from.AddSeconds(_random.NextDouble() * (to - from).TotalSeconds);
        return new DateTime(moment.Ticks - (moment.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private DemoCity PickCity()
    {
        var total = DemoCatalog.Cities.Sum(c => c.Weight);
        var roll = _random.Next(total);
        foreach (var city in DemoCatalog.Cities)
        {
            roll -= city.Weight;
            if (roll < 0)
            {
                return city;
            }
        }

        return DemoCatalog.Cities[0];
    }

    private SalesChannel PickChannel() => DemoCatalog.Channels[Weighted([.. DemoCatalog.Channels.Select(c => c.Weight)])].Channel;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>The index of a weight, chosen in proportion to it.</summary>
    private int Weighted(params int[] weights)
    {
        var roll = _random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
