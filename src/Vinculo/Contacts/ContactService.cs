using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Ingestion.Normalization;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Contacts;

/// <summary>
/// People: create, read, change, delete and search. Every value passes the shared normalisation
/// (names, emails, E.164 phones in the workspace's country) and custom field rules before anything
/// is written, and each write is one SaveChanges, so it is one transaction.
/// </summary>
public sealed class ContactService(IDbContextFactory<VinculoDbContext> contexts, TimeProvider time, SegmentSignals? segmentSignals = null)
{
    public async Task<ContactView> CreateAsync(ContactInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.CurrentWorkspaceAsync(ct);
        var definitions = await ContactDefinitionsAsync(db, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var contact = new Contact { CreatedAt = now, UpdatedAt = now };
        Apply(db, contact, input, workspace, workspace.Today(time), definitions);
        db.Add(contact);
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        return ContactView.From(contact, workspace.Today(time), workspace.AgeOfMajority);
    }

    public async Task<ContactView> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.CurrentWorkspaceAsync(ct);
        var contact = await WithChildren(db.Set<Contact>()).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new NotFoundException("Contact", id);
        return ContactView.From(contact, workspace.Today(time), workspace.AgeOfMajority);
    }

    /// <summary>Replaces the contact's fields and lists. Emails and phones that stay keep their id and deliverability status.</summary>
    public async Task<ContactView> UpdateAsync(Guid id, ContactInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.CurrentWorkspaceAsync(ct);
        var definitions = await ContactDefinitionsAsync(db, ct);
        var contact = await WithChildren(db.Set<Contact>()).FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new NotFoundException("Contact", id);
        if (contact.Status is ContactStatus.Erased or ContactStatus.Merged)
        {
            throw new ConflictException($"Contact {id} is {contact.Status.ToString().ToLowerInvariant()} and cannot be changed.");
        }

        Apply(db, contact, input, workspace, workspace.Today(time), definitions);
        contact.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        return ContactView.From(contact, workspace.Today(time), workspace.AgeOfMajority);
    }

    /// <summary>Deletes the contact and everything hanging from it (cascade). Privacy erasure keeps a tombstone instead; see Consent.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var contact = await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Contact", id);
        db.Remove(contact);
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
    }

    public async Task<bool> ExistsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Contact>().AnyAsync(c => c.Id == id, ct);
    }

    /// <summary>A page of contacts ordered by name. Phones are compared in E.164 using the workspace's country for national writing.</summary>
    public async Task<PagedResult<ContactView>> SearchAsync(ContactSearch search, CancellationToken ct = default)
    {
        var (page, pageSize) = Paging.Clamp(search.Page, search.PageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.CurrentWorkspaceAsync(ct);
        var query = db.Set<Contact>().AsNoTracking();
        if (!search.IncludeInactive)
        {
            query = query.Where(c => c.Status == ContactStatus.Active || c.Status == ContactStatus.Blocked);
        }

        var errors = new ValidationErrors();
        string? email = search.Email, phone = search.Phone, name = search.Name, phoneDigits = null;
        if (!string.IsNullOrWhiteSpace(search.Query))
        {
            // Free text: an email if it has an @, a phone if it is mostly digits, else a name.
            var q = search.Query.Trim();
            if (q.Contains('@', StringComparison.Ordinal))
            {
                email ??= q;
            }
            else if (q.Count(char.IsAsciiDigit) >= 4 && q.All(ch => char.IsAsciiDigit(ch) || " +-().".Contains(ch, StringComparison.Ordinal)))
            {
                // A whole number matches in E.164; a fragment ("1234 5678") matches anywhere in the stored numbers.
                if (Normalize.Phone(q, workspace.CountryCode).Value is not null)
                {
                    phone ??= q;
                }
                else
                {
                    phoneDigits = new string([.. q.Where(char.IsAsciiDigit)]);
                }
            }
            else
            {
                name = string.IsNullOrWhiteSpace(name) ? q : $"{name} {q}";
            }
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            // Word prefixes through the name-words index (any given name or surname), as the contacts list.
            // That index holds listed contacts only: merged and erased ones are matched on their row.
            var words = ContactDirectory.NameWords(name);
            if (search.IncludeInactive)
            {
                foreach (var word in words)
                {
                    query = query.Where(c => (" " + c.SearchName.Replace("-", " ")).Contains(" " + word));
                }
            }
            else if (words.Length > 0)
            {
                var matching = ContactDirectory.NameWordMatches(db, words).Select(w => w.ContactId);
                query = query.Where(c => matching.Contains(c.Id));
            }
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = Normalize.Email(email);
            if (normalized.Value is { } exact)
            {
                query = query.Where(c => db.Set<ContactEmail>().Any(e => e.ContactId == c.Id && e.Address == exact));
            }
            else
            {
                var part = email.Trim().ToLowerInvariant();
                query = query.Where(c => db.Set<ContactEmail>().Any(e => e.ContactId == c.Id && e.Address.Contains(part)));
            }
        }

        if (!string.IsNullOrWhiteSpace(phone))
        {
            var normalized = Normalize.Phone(phone, workspace.CountryCode);
            if (normalized.Value is { } e164)
            {
                query = query.Where(c => db.Set<ContactPhone>().Any(p => p.ContactId == c.Id && p.Number == e164));
            }
            else
            {
                errors.Add("phone", normalized.Error ?? "is not a phone number");
            }
        }

        if (phoneDigits is not null)
        {
            query = query.Where(c => db.Set<ContactPhone>().Any(p => p.ContactId == c.Id && p.Number.Contains(phoneDigits)));
        }

        foreach (var tag in (search.Tags ?? []).Select(t => t?.Trim()).Where(t => !string.IsNullOrEmpty(t)).Distinct())
        {
            query = query.Where(c => db.Set<ContactTag>().Any(t => t.ContactId == c.Id && t.Name == tag));
        }

        errors.ThrowIfAny();
        var total = await query.LongCountAsync(ct);
        var items = await WithChildren(query.OrderBy(c => c.SearchName).ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(ct);
        var today = workspace.Today(time);
        return new PagedResult<ContactView>([.. items.Select(c => ContactView.From(c, today, workspace.AgeOfMajority))], page, pageSize, total);
    }

    private static IQueryable<Contact> WithChildren(IQueryable<Contact> query) =>
        query.Include(c => c.Emails).Include(c => c.Phones).Include(c => c.Addresses).Include(c => c.Tags).AsSplitQuery();

    private static async Task<List<CustomFieldDefinition>> ContactDefinitionsAsync(VinculoDbContext db, CancellationToken ct) =>
        await db.Set<CustomFieldDefinition>().AsNoTracking().Where(d => d.Target == CustomFieldTarget.Contact).ToListAsync(ct);

    /// <summary>Validates all of the input first, then copies it onto the (new or tracked) contact.</summary>
    private static void Apply(VinculoDbContext db, Contact contact, ContactInput input, Workspace workspace, DateOnly today, IReadOnlyCollection<CustomFieldDefinition> definitions)
    {
        var errors = new ValidationErrors();
        var given = Name(input.GivenNames, "givenNames", errors);
        var paternal = Name(input.PaternalSurname, "paternalSurname", errors);
        var maternal = Name(input.MaternalSurname, "maternalSurname", errors);

        var emails = new List<(string Address, string? Label, bool Primary)>();
        for (var i = 0; i < (input.Emails?.Count ?? 0); i++)
        {
            var e = input.Emails![i];
            var normalized = Normalize.Email(e?.Address);
            if (normalized.Value is null)
            {
                errors.Add($"emails[{i}].address", normalized.Error ?? "is required");
            }
            else if (emails.All(x => x.Address != normalized.Value))
            {
                emails.Add((normalized.Value, Label(e!.Label, $"emails[{i}].label", errors), e.IsPrimary));
            }
        }

        var phones = new List<(string Number, string? Label, bool Primary)>();
        for (var i = 0; i < (input.Phones?.Count ?? 0); i++)
        {
            var p = input.Phones![i];
            var normalized = Normalize.Phone(p?.Number, workspace.CountryCode);
            if (normalized.Value is null)
            {
                errors.Add($"phones[{i}].number", normalized.Error ?? "is required");
            }
            else if (phones.All(x => x.Number != normalized.Value))
            {
                phones.Add((normalized.Value, Label(p!.Label, $"phones[{i}].label", errors), p.IsPrimary));
            }
        }

        var addresses = new List<PostalAddress>();
        for (var i = 0; i < (input.Addresses?.Count ?? 0); i++)
        {
            addresses.Add(Address(input.Addresses![i], $"addresses[{i}]", workspace.CountryCode, errors));
        }

        var tags = new List<string>();
        for (var i = 0; i < (input.Tags?.Count ?? 0); i++)
        {
            var tag = input.Tags![i]?.Trim();
            if (string.IsNullOrEmpty(tag) || tag.Length > 100)
            {
                errors.Add($"tags[{i}]", "must be 1–100 characters");
            }
            else if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(tag);
            }
        }

        if (given is null && paternal is null && maternal is null && emails.Count == 0 && phones.Count == 0)
        {
            errors.Add("givenNames", "a contact needs a name, an email or a phone");
        }

        if (input.BirthDate is { } birth && (birth.Year < 1900 || birth > today))
        {
            errors.Add("birthDate", "must be between 1900-01-01 and today");
        }

        // Stored as the import stores it (female, male, non_binary, other), so segments and labels see one spelling.
        var normalizedGender = Normalize.Gender(input.Gender);
        if (normalizedGender.Error is { } genderError)
        {
            errors.Add("gender", genderError);
        }

        var gender = normalizedGender.Value;
        var locale = Optional(input.Locale, 20, "locale", errors);
        var zone = Optional(input.TimeZone, 64, "timeZone", errors);
        if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add("timeZone", $"'{zone}' is not a known time zone");
        }

        var externalId = Optional(input.ExternalId, 200, "externalId", errors);
        var customFields = CustomFieldValidator.Validate(definitions, input.CustomFields, errors);
        errors.ThrowIfAny();

        contact.GivenNames = given;
        contact.PaternalSurname = paternal;
        contact.MaternalSurname = maternal;
        contact.DisplayName = Contact.ComposeDisplayName(given, paternal, maternal);
        if (contact.DisplayName.Length == 0)
        {
            contact.DisplayName = emails.Count > 0 ? emails[0].Address : phones[0].Number;
        }

        contact.SearchName = Normalize.SearchKey(contact.DisplayName);
        contact.BirthDate = input.BirthDate;
        contact.Gender = gender;
        contact.Locale = locale;
        contact.TimeZone = zone;
        contact.ExternalId = externalId;
        contact.CustomFields = customFields.ToJsonString();

        // Children of a tracked contact are added explicitly: their client-made ids would otherwise look like existing rows.
        var tracked = db.Entry(contact).State != EntityState.Detached;
        var primaryEmail = emails.FindIndex(e => e.Primary) is var pe and >= 0 ? pe : 0;
        contact.Emails.RemoveAll(existing => emails.All(e => e.Address != existing.Address));
        for (var i = 0; i < emails.Count; i++)
        {
            var row = contact.Emails.FirstOrDefault(x => x.Address == emails[i].Address);
            if (row is null)
            {
                row = new ContactEmail { Address = emails[i].Address, Status = ChannelAddressStatus.Unverified };
                contact.Emails.Add(row);
                AddIfTracked(db, tracked, row);
            }

            row.Label = emails[i].Label;
            row.IsPrimary = i == primaryEmail;
        }

        var primaryPhone = phones.FindIndex(p => p.Primary) is var pp and >= 0 ? pp : 0;
        contact.Phones.RemoveAll(existing => phones.All(p => p.Number != existing.Number));
        for (var i = 0; i < phones.Count; i++)
        {
            var row = contact.Phones.FirstOrDefault(x => x.Number == phones[i].Number);
            if (row is null)
            {
                row = new ContactPhone { Number = phones[i].Number, Status = ChannelAddressStatus.Unverified };
                contact.Phones.Add(row);
                AddIfTracked(db, tracked, row);
            }

            row.Label = phones[i].Label;
            row.IsPrimary = i == primaryPhone;
        }

        if (addresses.Count > 0 && !addresses.Any(a => a.IsPrimary))
        {
            addresses[0].IsPrimary = true;
        }

        // Addresses may also belong to organizations (nullable key), so dropped ones are deleted explicitly.
        db.RemoveRange(contact.Addresses);
        contact.Addresses.Clear();
        contact.Addresses.AddRange(addresses);
        addresses.ForEach(a => AddIfTracked(db, tracked, a));

        contact.Tags.RemoveAll(existing => !tags.Contains(existing.Name, StringComparer.Ordinal));
        foreach (var tag in tags.Where(t => contact.Tags.All(existing => existing.Name != t)))
        {
            var row = new ContactTag { Name = tag };
            contact.Tags.Add(row);
            AddIfTracked(db, tracked, row);
        }
    }

    private static void AddIfTracked(VinculoDbContext db, bool tracked, object row)
    {
        if (tracked)
        {
            db.Add(row);
        }
    }

    private static string? Name(string? value, string field, ValidationErrors errors)
    {
        var normalized = Normalize.PersonName(value);
        if (normalized is { Length: > 200 })
        {
            errors.Add(field, "must be at most 200 characters");
        }

        return normalized;
    }

    private static string? Label(string? value, string field, ValidationErrors errors) => Optional(value, 40, field, errors);

    private static string? Optional(string? value, int maxLength, string field, ValidationErrors errors)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (trimmed is { Length: var n } && n > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters");
        }

        return trimmed;
    }

    private static PostalAddress Address(AddressInput? a, string field, string defaultCountry, ValidationErrors errors)
    {
        if (a is null)
        {
            errors.Add(field, "is required");
            return new PostalAddress();
        }

        var country = (a.CountryCode ?? defaultCountry).Trim().ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            errors.Add($"{field}.countryCode", "must be an ISO 3166-1 alpha-2 code such as MX");
        }

        var postalCode = Optional(a.PostalCode, 20, $"{field}.postalCode", errors);
        if (country == "MX" && postalCode is not null && (postalCode.Length != 5 || !postalCode.All(char.IsAsciiDigit)))
        {
            errors.Add($"{field}.postalCode", "a Mexican código postal has 5 digits");
        }

        return new PostalAddress
        {
            Street = Optional(a.Street, 300, $"{field}.street", errors),
            ExteriorNumber = Optional(a.ExteriorNumber, 40, $"{field}.exteriorNumber", errors),
            InteriorNumber = Optional(a.InteriorNumber, 40, $"{field}.interiorNumber", errors),
            Neighborhood = Optional(a.Neighborhood, 200, $"{field}.neighborhood", errors),
            City = Optional(a.City, 200, $"{field}.city", errors),
            State = Optional(a.State, 200, $"{field}.state", errors),
            PostalCode = postalCode,
            CountryCode = country,
            Label = Optional(a.Label, 40, $"{field}.label", errors),
            IsPrimary = a.IsPrimary,
        };
    }

    /// <summary>For callers that hold JSON text: the stored custom fields as an object.</summary>
    public static JsonObject CustomFieldsOf(Contact contact) => CustomFieldValidator.Parse(contact.CustomFields);
}
