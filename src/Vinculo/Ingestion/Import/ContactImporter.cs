using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Ingestion.Mapping;
using Vinculo.Ingestion.Normalization;
using Vinculo.Storage.Bulk;

namespace Vinculo.Ingestion.Import;

/// <summary>
/// Contacts (with their organization and role): exact keys — external id, then email, then phone —
/// find an existing contact; rows with the same key in one chunk fold into one. Lookups are one
/// query per key kind per chunk; new rows go through the bulk session, changed ones through EF.
/// </summary>
public sealed class ContactImporter : IRowImporter
{
    private static readonly char[] TagSeparators = [',', ';', '|'];

    public string? GroupField => null;

    /// <summary>Drafts of the chunk's contacts, rows with one key folded; pure CPU, so it runs on the read-ahead thread.</summary>
    public object Prepare(RowNormalizer normalizer, IReadOnlyList<NormalizedRow> rows)
    {
        var counts = new ChunkCounts();
        var slots = new Slots(normalizer);
        var drafts = new List<ContactDraft>(rows.Count);
        var draftByKey = new Dictionary<string, ContactDraft>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var draft = Build(row, slots);
            if (!row.HasError && draft.Keys().FirstOrDefault() is null)
            {
                row.AddIssue("(row)", null, "no email, phone or external id identifies the contact", warning: false);
            }

            if (RowNormalizer.Report(row, counts))
            {
                continue;
            }

            ContactDraft? earlier = null;
            foreach (var key in draft.Keys())
            {
                if (draftByKey.TryGetValue(key, out earlier))
                {
                    break;
                }
            }

            if (earlier is not null)
            {
                earlier.Fold(draft);
                draft = earlier;
            }
            else
            {
                drafts.Add(draft);
            }

            foreach (var key in draft.Keys())
            {
                draftByKey.TryAdd(key, draft);
            }
        }

        foreach (var draft in drafts)
        {
            draft.DisplayName = Contact.ComposeDisplayName(draft.Given, draft.Paternal, draft.Maternal);
            draft.SearchName = Normalize.SearchKey(draft.DisplayName);
        }

        return new PreparedChunk(drafts, counts);
    }

    public async Task<ChunkCounts> ImportAsync(ChunkContext context, IReadOnlyList<NormalizedRow> rows, CancellationToken ct)
    {
        var (drafts, counts) = context.Prepared as PreparedChunk ?? (PreparedChunk)Prepare(context.Rows, rows);
        var db = context.Db;
        var existingByKey = await LookupKeysAsync(db, drafts, ct);
        var matchedIds = new HashSet<Guid>();
        foreach (var draft in drafts)
        {
            foreach (var key in draft.Keys())
            {
                if (existingByKey.TryGetValue(key, out var id))
                {
                    draft.MatchedId = id;
                    matchedIds.Add(id);
                    break;
                }
            }
        }

        var existing = await LoadContactsAsync(db, matchedIds, ct);
        var organizations = await ResolveOrganizationsAsync(db, drafts, ct);
        var memberships = matchedIds.Count == 0
            ? []
            : await db.Set<OrganizationMembership>().Where(m => matchedIds.Contains(m.ContactId)).ToListAsync(ct);

        var writes = new Writes();
        var consenting = new List<(ContactDraft Draft, Contact Contact, bool Created)>();
        writes.Organizations.AddRange(organizations.Created);
        foreach (var draft in drafts)
        {
            Contact? contact = null;
            if (draft.MatchedId is { } matchedId && existing.TryGetValue(matchedId, out contact) && contact.Status == ContactStatus.Merged && contact.MergedIntoId is { } survivor)
            {
                existing.TryGetValue(survivor, out contact);
            }

            if (contact is { Status: ContactStatus.Blocked or ContactStatus.Erased })
            {
                counts.Rejected += 1 + draft.FoldedRows;
                counts.Issues.Add(new Jobs.RowIssue(draft.Row, "(row)", null, "the matching contact is blocked or erased (ARCO): not updated"));
                continue;
            }

            bool changed;
            bool created = contact is null;
            if (contact is null)
            {
                contact = Create(draft, context.Now, context.Rules.Region, writes);
                changed = true;
            }
            else
            {
                changed = Update(contact, draft, context.Now, context.Rules.Region, writes);
            }

            changed |= Membership(contact.Id, draft, organizations.ByName, memberships, writes);
            if (draft.HasConsent)
            {
                consenting.Add((draft, contact, created));
            }

            if (created)
            {
                counts.Created++;
            }
            else if (changed)
            {
                counts.Updated++;
            }
            else
            {
                counts.Unchanged++;
            }

            // Rows folded into this one count as merged when they contributed to a write.
            if (changed)
            {
                counts.Merged += draft.FoldedRows;
            }
            else
            {
                counts.Unchanged += draft.FoldedRows;
            }
        }

        var consents = await ImportConsent.RecordsAsync(context, consenting, counts, ct);
        if (context.Session is { } session)
        {
            await session.InsertAsync(writes.Organizations, ct: ct);
            await session.InsertAsync(writes.Contacts, ct: ct);
            await session.InsertAsync(writes.Emails, ct: ct);
            await session.InsertAsync(writes.Phones, ct: ct);
            await session.InsertAsync(writes.Addresses, ct: ct);
            await session.InsertAsync(writes.Tags, ct: ct);
            await session.InsertAsync(writes.Memberships, ct: ct);
            await session.InsertAsync(consents, ct: ct);
            if (consents.Count > 0)
            {
                await AuditLog.AppendAsync(db, "import", context.Now, [.. consents.Select(ConsentLedger.AuditFor)], ct);
            }
            await db.SaveChangesAsync(ct);
        }

        return counts;
    }

    private static ContactDraft Build(NormalizedRow row, Slots s)
    {
        var draft = new ContactDraft
        {
            Row = row.Number,
            ExternalId = row[s.ExternalId],
            Given = row[s.Given],
            Paternal = row[s.Paternal],
            Maternal = row[s.Maternal],
            BirthDate = row[s.BirthDate],
            Gender = row[s.Gender],
            Street = row[s.Street],
            Neighborhood = row[s.Neighborhood],
            City = row[s.City],
            State = row[s.State],
            PostalCode = row[s.PostalCode],
            Country = row[s.Country],
            Company = row[s.Company],
            JobTitle = row[s.JobTitle],
            Locale = row[s.Locale],
            TimeZone = row[s.TimeZone],
            EmailBounced = row[s.EmailBouncedAt] is not null,
            OptInAt = row[s.OptInAt],
            OptInIp = row[s.OptInIp],
            ConfirmedAt = row[s.ConfirmedAt],
            ConfirmIp = row[s.ConfirmIp],
            UnsubscribedAt = row[s.UnsubscribedAt],
            UnsubscribeReason = row[s.UnsubscribeReason],
        };

        if (draft.Paternal is null && draft.Maternal is null && row[s.LastName] is { } lastName)
        {
            (draft.Paternal, draft.Maternal) = SplitSurnames(lastName);
        }

        if (draft.Given is null && draft.Paternal is null && row[s.FullName] is { } fullName)
        {
            (draft.Given, draft.Paternal, draft.Maternal) = SplitFullName(fullName);
        }

        if (row[s.Email] is { } email)
        {
            draft.Emails.Add(email);
        }

        if (row[s.Mobile] is { } mobile)
        {
            draft.Phones.Add((mobile, "mobile"));
        }

        if (row[s.Phone] is { } phone && phone != row[s.Mobile])
        {
            draft.Phones.Add((phone, null));
        }

        if (row[s.Tags] is { } tags)
        {
            foreach (var tag in tags.Split(TagSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = tag.Trim('"', '\'', ' ');
                if (name.Length is > 0 and <= 100)
                {
                    (draft.Tags ??= []).Add(name);
                }
            }
        }

        foreach (var (field, slot) in s.Custom)
        {
            if (row[slot] is { } value)
            {
                (draft.Custom ??= new(StringComparer.Ordinal))[field[ImportFields.CustomPrefix.Length..]] = value;
            }
        }

        return draft;
    }

    // "García López" → paternal, maternal; particles stay with the surname they precede: "de la Cruz Pérez".
    internal static (string? Paternal, string? Maternal) SplitSurnames(string surnames)
    {
        var parts = GroupParticles(surnames.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return parts.Count switch
        {
            0 => (null, null),
            1 => (parts[0], null),
            2 => (parts[0], parts[1]),
            _ => (string.Join(' ', parts.Take(parts.Count - 1)), parts[^1]),
        };
    }

    internal static (string? Given, string? Paternal, string? Maternal) SplitFullName(string fullName)
    {
        var parts = GroupParticles(fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return parts.Count switch
        {
            0 => (null, null, null),
            1 => (parts[0], null, null),
            2 => (parts[0], parts[1], null),
            3 => (parts[0], parts[1], parts[2]),
            _ => (string.Join(' ', parts.Take(parts.Count - 2)), parts[^2], parts[^1]),
        };
    }

    private static List<string> GroupParticles(string[] words)
    {
        var parts = new List<string>(words.Length);
        var pending = "";
        foreach (var word in words)
        {
            if (word is "de" or "del" or "la" or "las" or "los" or "y" or "van" or "von" or "da" or "dos")
            {
                pending += word + " ";
                continue;
            }

            parts.Add(pending + word);
            pending = "";
        }

        if (pending.Length > 0)
        {
            parts.Add(pending.TrimEnd());
        }

        return parts;
    }

    private static Task<Dictionary<string, Guid>> LookupKeysAsync(Storage.VinculoDbContext db, List<ContactDraft> drafts, CancellationToken ct) =>
        ContactKeys.FindAsync(
            db,
            drafts.Where(d => d.ExternalId is not null).Select(d => d.ExternalId!).Distinct().ToList(),
            drafts.SelectMany(d => d.Emails).Distinct().ToList(),
            drafts.SelectMany(d => d.Phones.Select(p => p.Number)).Distinct().ToList(),
            survivors: false,
            ct);

    private static async Task<Dictionary<Guid, Contact>> LoadContactsAsync(Storage.VinculoDbContext db, HashSet<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Contact>();
        if (ids.Count == 0)
        {
            return result;
        }

        // One query per table rather than Include: the tracker fixes the children onto their contacts.
        var wanted = ids.ToList();
        for (var round = 0; round < 2 && wanted.Count > 0; round++)
        {
            var loaded = await db.Set<Contact>().Where(c => wanted.Contains(c.Id)).ToListAsync(ct);
            await db.Set<ContactEmail>().Where(e => wanted.Contains(e.ContactId)).LoadAsync(ct);
            await db.Set<ContactPhone>().Where(p => wanted.Contains(p.ContactId)).LoadAsync(ct);
            await db.Set<PostalAddress>().Where(a => a.ContactId != null && wanted.Contains(a.ContactId.Value)).LoadAsync(ct);
            await db.Set<ContactTag>().Where(t => wanted.Contains(t.ContactId)).LoadAsync(ct);
            foreach (var contact in loaded)
            {
                result[contact.Id] = contact;
            }

            // Second round: survivors of merged contacts.
            wanted = [.. loaded.Where(c => c.Status == ContactStatus.Merged && c.MergedIntoId is { } s && !result.ContainsKey(s)).Select(c => c.MergedIntoId!.Value).Distinct()];
        }

        return result;
    }

    private static async Task<(Dictionary<string, Guid> ByName, List<Organization> Created)> ResolveOrganizationsAsync(Storage.VinculoDbContext db, List<ContactDraft> drafts, CancellationToken ct)
    {
        var names = drafts.Where(d => d.Company is not null).Select(d => d.Company!).Distinct(StringComparer.Ordinal).ToList();
        var byName = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var created = new List<Organization>();
        if (names.Count == 0)
        {
            return (byName, created);
        }

        var found = await db.Set<Organization>().AsNoTracking().Where(o => names.Contains(o.Name)).OrderBy(o => o.Id).Select(o => new { o.Name, o.Id }).ToListAsync(ct);
        foreach (var f in found)
        {
            byName.TryAdd(f.Name, f.Id);
        }

        foreach (var name in names)
        {
            if (!byName.ContainsKey(name))
            {
                var organization = new Organization { Name = name };
                byName[name] = organization.Id;
                created.Add(organization);
            }
        }

        return (byName, created);
    }

    private static Contact Create(ContactDraft d, DateTime now, string region, Writes writes)
    {
        var contact = new Contact
        {
            GivenNames = d.Given,
            PaternalSurname = d.Paternal,
            MaternalSurname = d.Maternal,
            BirthDate = d.BirthDate is null ? null : DateOnly.ParseExact(d.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Gender = d.Gender,
            Locale = d.Locale,
            TimeZone = d.TimeZone,
            ExternalId = d.ExternalId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        contact.DisplayName = d.DisplayName ?? Contact.ComposeDisplayName(contact.GivenNames, contact.PaternalSurname, contact.MaternalSurname);
        contact.SearchName = d.SearchName ?? Normalize.SearchKey(contact.DisplayName);
        if (d.Custom is not null)
        {
            var json = new JsonObject();
            foreach (var (key, value) in d.Custom)
            {
                json[key] = value;
            }

            contact.CustomFields = json.ToJsonString();
        }

        writes.Contacts.Add(contact);
        for (var i = 0; i < d.Emails.Count; i++)
        {
            writes.Emails.Add(new ContactEmail { ContactId = contact.Id, Address = d.Emails[i], IsPrimary = i == 0, Status = d.EmailBounced ? ChannelAddressStatus.HardBounced : ChannelAddressStatus.Valid });
        }

        for (var i = 0; i < d.Phones.Count; i++)
        {
            writes.Phones.Add(new ContactPhone { ContactId = contact.Id, Number = d.Phones[i].Number, Label = d.Phones[i].Label, IsPrimary = i == 0 });
        }

        if (d.HasAddress)
        {
            var address = new PostalAddress { ContactId = contact.Id, IsPrimary = true, CountryCode = d.Country ?? region };
            d.ApplyAddress(address);
            writes.Addresses.Add(address);
        }

        if (d.Tags is not null)
        {
            foreach (var tag in d.Tags.Distinct(StringComparer.Ordinal))
            {
                writes.Tags.Add(new ContactTag { ContactId = contact.Id, Name = tag });
            }
        }

        return contact;
    }

    /// <summary>Imported values overwrite differing stored ones; new emails, phones and tags are added. True when anything changed.</summary>
    private static bool Update(Contact c, ContactDraft d, DateTime now, string region, Writes writes)
    {
        var changed = false;
        changed |= Set(c.GivenNames, d.Given, v => c.GivenNames = v);
        changed |= Set(c.PaternalSurname, d.Paternal, v => c.PaternalSurname = v);
        changed |= Set(c.MaternalSurname, d.Maternal, v => c.MaternalSurname = v);
        changed |= Set(c.Gender, d.Gender, v => c.Gender = v);
        changed |= Set(c.Locale, d.Locale, v => c.Locale = v);
        changed |= Set(c.TimeZone, d.TimeZone, v => c.TimeZone = v);
        changed |= Set(c.ExternalId, d.ExternalId, v => c.ExternalId = v);
        if (d.BirthDate is not null)
        {
            var birth = DateOnly.ParseExact(d.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (c.BirthDate != birth)
            {
                c.BirthDate = birth;
                changed = true;
            }
        }

        if (changed)
        {
            c.DisplayName = Contact.ComposeDisplayName(c.GivenNames, c.PaternalSurname, c.MaternalSurname);
            c.SearchName = Normalize.SearchKey(c.DisplayName);
        }

        if (d.Custom is not null)
        {
            var json = JsonNode.Parse(string.IsNullOrWhiteSpace(c.CustomFields) ? "{}" : c.CustomFields) as JsonObject ?? [];
            var customChanged = false;
            foreach (var (key, value) in d.Custom)
            {
                if (json[key]?.ToString() != value)
                {
                    json[key] = value;
                    customChanged = true;
                }
            }

            if (customChanged)
            {
                c.CustomFields = json.ToJsonString();
                changed = true;
            }
        }

        foreach (var email in d.Emails)
        {
            var stored = c.Emails.FirstOrDefault(e => e.Address == email);
            if (stored is null && writes.Added.Add((c.Id, ContactDraft.EmailKey(email))))
            {
                writes.Emails.Add(new ContactEmail { ContactId = c.Id, Address = email, IsPrimary = c.Emails.Count == 0 && email == d.Emails[0], Status = d.EmailBounced ? ChannelAddressStatus.HardBounced : ChannelAddressStatus.Valid });
                changed = true;
            }
            else if (stored is not null && d.EmailBounced && stored.Status != ChannelAddressStatus.HardBounced)
            {
                stored.Status = ChannelAddressStatus.HardBounced;
                changed = true;
            }
        }

        foreach (var (number, label) in d.Phones)
        {
            if (!c.Phones.Any(p => p.Number == number) && writes.Added.Add((c.Id, "p:" + number)))
            {
                writes.Phones.Add(new ContactPhone { ContactId = c.Id, Number = number, Label = label, IsPrimary = c.Phones.Count == 0 && number == d.Phones[0].Number });
                changed = true;
            }
        }

        if (d.HasAddress)
        {
            var address = c.Addresses.FirstOrDefault(a => a.IsPrimary) ?? c.Addresses.FirstOrDefault();
            if (address is null)
            {
                address = new PostalAddress { ContactId = c.Id, IsPrimary = true, CountryCode = d.Country ?? region };
                d.ApplyAddress(address);
                writes.Addresses.Add(address);
                changed = true;
            }
            else
            {
                changed |= d.ApplyAddress(address);
            }
        }

        if (d.Tags is not null)
        {
            foreach (var tag in d.Tags.Distinct(StringComparer.Ordinal))
            {
                if (!c.Tags.Any(t => t.Name == tag) && writes.Added.Add((c.Id, "t:" + tag)))
                {
                    writes.Tags.Add(new ContactTag { ContactId = c.Id, Name = tag });
                    changed = true;
                }
            }
        }

        if (changed)
        {
            c.UpdatedAt = now;
        }

        return changed;
    }

    private static bool Membership(Guid contactId, ContactDraft d, Dictionary<string, Guid> organizations, List<OrganizationMembership> memberships, Writes writes)
    {
        if (d.Company is null || !organizations.TryGetValue(d.Company, out var organizationId))
        {
            return false;
        }

        var membership = memberships.FirstOrDefault(m => m.ContactId == contactId && m.OrganizationId == organizationId)
            ?? writes.Memberships.FirstOrDefault(m => m.ContactId == contactId && m.OrganizationId == organizationId);
        if (membership is null)
        {
            writes.Memberships.Add(new OrganizationMembership { ContactId = contactId, OrganizationId = organizationId, Title = d.JobTitle });
            return true;
        }

        if (d.JobTitle is not null && membership.Title != d.JobTitle)
        {
            membership.Title = d.JobTitle;
            return true;
        }

        return false;
    }

    private static bool Set(string? current, string? imported, Action<string> set)
    {
        if (imported is null || imported == current)
        {
            return false;
        }

        set(imported);
        return true;
    }

    private sealed record PreparedChunk(List<ContactDraft> Drafts, ChunkCounts Counts);

    private sealed class Writes
    {
        public List<Organization> Organizations { get; } = [];
        public List<Contact> Contacts { get; } = [];
        public List<ContactEmail> Emails { get; } = [];
        public List<ContactPhone> Phones { get; } = [];
        public List<PostalAddress> Addresses { get; } = [];
        public List<ContactTag> Tags { get; } = [];
        public List<OrganizationMembership> Memberships { get; } = [];
        /// <summary>Child rows already queued, so two rows for one contact never add the same email, phone or tag twice.</summary>
        public HashSet<(Guid ContactId, string Value)> Added { get; } = [];
    }

    /// <summary>Field slots resolved once per chunk.</summary>
    private sealed class Slots(RowNormalizer rows)
    {
        public int ExternalId { get; } = rows.Slot("external_id");
        public int Given { get; } = rows.Slot("given_names");
        public int Paternal { get; } = rows.Slot("paternal_surname");
        public int Maternal { get; } = rows.Slot("maternal_surname");
        public int LastName { get; } = rows.Slot("last_name");
        public int FullName { get; } = rows.Slot("full_name");
        public int Email { get; } = rows.Slot("email");
        public int Phone { get; } = rows.Slot("phone");
        public int Mobile { get; } = rows.Slot("mobile");
        public int BirthDate { get; } = rows.Slot("birth_date");
        public int Gender { get; } = rows.Slot("gender");
        public int Street { get; } = rows.Slot("street");
        public int Neighborhood { get; } = rows.Slot("neighborhood");
        public int City { get; } = rows.Slot("city");
        public int State { get; } = rows.Slot("state");
        public int PostalCode { get; } = rows.Slot("postal_code");
        public int Country { get; } = rows.Slot("country");
        public int Company { get; } = rows.Slot("company");
        public int JobTitle { get; } = rows.Slot("job_title");
        public int Tags { get; } = rows.Slot("tags");
        public int Locale { get; } = rows.Slot("locale");
        public int TimeZone { get; } = rows.Slot("time_zone");
        public int EmailBouncedAt { get; } = rows.Slot("email_bounced_at");
        public int OptInAt { get; } = rows.Slot("email_opt_in_at");
        public int OptInIp { get; } = rows.Slot("email_opt_in_ip");
        public int ConfirmedAt { get; } = rows.Slot("email_confirmed_at");
        public int ConfirmIp { get; } = rows.Slot("email_confirm_ip");
        public int UnsubscribedAt { get; } = rows.Slot("email_unsubscribed_at");
        public int UnsubscribeReason { get; } = rows.Slot("unsubscribe_reason");
        public List<(string Field, int Slot)> Custom { get; } = [.. rows.Fields.Where(f => f.StartsWith(ImportFields.CustomPrefix, StringComparison.Ordinal)).Select(f => (f, rows.Slot(f)))];
    }
}

/// <summary>One contact as a file describes it, possibly folded from several rows with the same key.</summary>
internal sealed class ContactDraft
{
    public long Row { get; set; }
    public int FoldedRows { get; set; }
    public Guid? MatchedId { get; set; }
    /// <summary>Computed while preparing, for new contacts.</summary>
    public string? DisplayName { get; set; }
    public string? SearchName { get; set; }
    public string? ExternalId { get; set; }
    public string? Given { get; set; }
    public string? Paternal { get; set; }
    public string? Maternal { get; set; }
    public string? BirthDate { get; set; }
    public string? Gender { get; set; }
    public string? Locale { get; set; }
    public string? TimeZone { get; set; }
    public List<string> Emails { get; } = new(1);
    public List<(string Number, string? Label)> Phones { get; } = new(1);
    public bool EmailBounced { get; set; }
    public string? OptInAt { get; set; }
    public string? OptInIp { get; set; }
    public string? ConfirmedAt { get; set; }
    public string? ConfirmIp { get; set; }
    public string? UnsubscribedAt { get; set; }
    public string? UnsubscribeReason { get; set; }
    public bool HasConsent => OptInAt is not null || ConfirmedAt is not null || UnsubscribedAt is not null;
    public string? Street { get; set; }
    public string? Neighborhood { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public string? Company { get; set; }
    public string? JobTitle { get; set; }
    public List<string>? Tags { get; set; }
    public Dictionary<string, string>? Custom { get; set; }

    public bool HasAddress => Street is not null || Neighborhood is not null || City is not null || State is not null || PostalCode is not null || Country is not null;

    public static string ExternalKey(string id) => "x:" + id;

    public static string EmailKey(string email) => "e:" + email;

    public static string PhoneKey(string number) => "p:" + number;

    /// <summary>Exact keys in precedence order.</summary>
    public IEnumerable<string> Keys()
    {
        if (ExternalId is not null)
        {
            yield return ExternalKey(ExternalId);
        }

        foreach (var email in Emails)
        {
            yield return EmailKey(email);
        }

        foreach (var phone in Phones)
        {
            yield return PhoneKey(phone.Number);
        }
    }

    /// <summary>A later row with the same key: fills what is missing and adds new addresses of contact.</summary>
    public void Fold(ContactDraft other)
    {
        FoldedRows += 1 + other.FoldedRows;
        ExternalId ??= other.ExternalId;
        Given ??= other.Given;
        Paternal ??= other.Paternal;
        Maternal ??= other.Maternal;
        BirthDate ??= other.BirthDate;
        Gender ??= other.Gender;
        Locale ??= other.Locale;
        TimeZone ??= other.TimeZone;
        Company ??= other.Company;
        JobTitle ??= other.JobTitle;
        EmailBounced |= other.EmailBounced;
        OptInAt ??= other.OptInAt;
        OptInIp ??= other.OptInIp;
        ConfirmedAt ??= other.ConfirmedAt;
        ConfirmIp ??= other.ConfirmIp;
        UnsubscribedAt ??= other.UnsubscribedAt;
        UnsubscribeReason ??= other.UnsubscribeReason;
        if (!HasAddress)
        {
            (Street, Neighborhood, City, State, PostalCode, Country) = (other.Street, other.Neighborhood, other.City, other.State, other.PostalCode, other.Country);
        }

        foreach (var email in other.Emails.Where(e => !Emails.Contains(e)))
        {
            Emails.Add(email);
        }

        foreach (var phone in other.Phones.Where(p => !Phones.Any(q => q.Number == p.Number)))
        {
            Phones.Add(phone);
        }

        if (other.Tags is not null)
        {
            (Tags ??= []).AddRange(other.Tags);
        }

        if (other.Custom is not null)
        {
            Custom ??= new(StringComparer.Ordinal);
            foreach (var (k, v) in other.Custom)
            {
                Custom.TryAdd(k, v);
            }
        }
    }

    /// <summary>Writes the address fields the row has onto <paramref name="address"/>; true when one differed.</summary>
    public bool ApplyAddress(PostalAddress address)
    {
        var changed = false;
        if (Street is not null && address.Street != Street) { address.Street = Street; changed = true; }
        if (Neighborhood is not null && address.Neighborhood != Neighborhood) { address.Neighborhood = Neighborhood; changed = true; }
        if (City is not null && address.City != City) { address.City = City; changed = true; }
        if (State is not null && address.State != State) { address.State = State; changed = true; }
        if (PostalCode is not null && address.PostalCode != PostalCode) { address.PostalCode = PostalCode; changed = true; }
        if (Country is not null && address.CountryCode != Country) { address.CountryCode = Country; changed = true; }
        return changed;
    }
}
