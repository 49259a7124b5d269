using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Ingestion.Normalization;
using Vinculo.Orders;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Timeline;

namespace Vinculo.Privacy;

/// <summary>A rectification (ARCO "rectificación"): only the fields given are changed.</summary>
public sealed record Rectification(
    string? GivenNames = null,
    string? PaternalSurname = null,
    string? MaternalSurname = null,
    DateOnly? BirthDate = null,
    string? Gender = null,
    string? Locale = null,
    string? PrimaryEmail = null,
    string? PrimaryPhone = null);

/// <summary>
/// Data-subject rights (ARCO in Mexico, GDPR arts. 15–21): access export, rectification, blocking
/// then erasure, and objection to marketing. Every call is written to the audit log.
/// </summary>
public sealed class PrivacyService(
    IDbContextFactory<VinculoDbContext> factory,
    TimeProvider time,
    AuditLog audit,
    ConsentLedger ledger,
    IEnumerable<IPersonalDataEraser> erasers,
    SegmentSignals? segmentSignals = null)
{
    public const string ErasedDisplayName = "(erased)";

    /// <summary>Everything held about the person: profile, channels, addresses, tags, roles, family links, consent, timeline, orders, audit trail.</summary>
    public async Task<PersonalDataExport> ExportAsync(Guid contactId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Set<Contact>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == contactId, ct)
            ?? throw new NotFoundException("Contact", contactId);
        var sections = new Dictionary<string, List<JsonElement>>();
        // Records merged into this person are theirs too.
        var ids = await WithMergedAsync(db, contactId, ct);

        void Add<T>(string name, IEnumerable<T> rows) where T : notnull =>
            sections[name] = [.. rows.Select(r => PersonalDataExport.ToElement(r))];

        Add("contact", new[]
        {
            new
            {
            c.Id, c.GivenNames, c.PaternalSurname, c.MaternalSurname, c.DisplayName, c.BirthDate, c.Gender, c.Locale,
            c.TimeZone, c.ExternalId, c.Status, CustomFields = JsonDocument.Parse(c.CustomFields).RootElement, c.CreatedAt, c.UpdatedAt,
            },
        });
        Add("mergedRecords", await db.Set<Contact>().AsNoTracking().Where(x => x.Id != contactId && ids.Contains(x.Id))
            .Select(x => new { x.Id, x.GivenNames, x.PaternalSurname, x.MaternalSurname, x.BirthDate, x.ExternalId, x.CustomFields, x.CreatedAt }).ToListAsync(ct));
        Add("emails", await db.Set<ContactEmail>().AsNoTracking().Where(e => ids.Contains(e.ContactId))
            .Select(e => new { e.Address, e.Label, e.IsPrimary, e.Status }).ToListAsync(ct));
        Add("phones", await db.Set<ContactPhone>().AsNoTracking().Where(p => ids.Contains(p.ContactId))
            .Select(p => new { p.Number, p.Label, p.IsPrimary, p.Status }).ToListAsync(ct));
        Add("addresses", await db.Set<PostalAddress>().AsNoTracking().Where(a => a.ContactId != null && ids.Contains(a.ContactId.Value))
            .Select(a => new { a.Label, a.Street, a.ExteriorNumber, a.InteriorNumber, a.Neighborhood, a.City, a.State, a.PostalCode, a.CountryCode, a.IsPrimary })
            .ToListAsync(ct));
        Add("tags", await db.Set<ContactTag>().AsNoTracking().Where(t => ids.Contains(t.ContactId)).Select(t => new { t.Name }).ToListAsync(ct));
        Add("organizations", await (from m in db.Set<OrganizationMembership>().AsNoTracking()
                                    join o in db.Set<Organization>() on m.OrganizationId equals o.Id
                                    where ids.Contains(m.ContactId)
                                    select new { Organization = o.Name, m.Role, m.Title, m.IsDecisionMaker, m.StartedOn, m.EndedOn }).ToListAsync(ct));
        Add("guardianLinks", await db.Set<GuardianLink>().AsNoTracking().Where(l => ids.Contains(l.GuardianId) || ids.Contains(l.MinorId))
            .Select(l => new { l.GuardianId, l.MinorId, l.Relationship, l.CreatedAt, l.EndedAt, l.EndReason }).ToListAsync(ct));
        Add("consents", (await db.Set<ConsentRecord>().AsNoTracking().Where(r => ids.Contains(r.ContactId)).ToListAsync(ct))
            .OrderBy(r => r.OccurredAt)
            .Select(r => new { Channel = r.Channel.Name(), Purpose = r.Purpose.Name(), Status = r.Status.Name(), r.Source, r.NoticeVersion, r.Evidence, r.GivenByContactId, r.Reason, r.OccurredAt }));
        Add("interactions", (await db.Set<Interaction>().AsNoTracking().Where(i => i.ContactId != null && ids.Contains(i.ContactId.Value)).ToListAsync(ct))
            .OrderBy(i => i.OccurredAt)
            .Select(i => new { i.Type, i.Channel, i.OccurredAt, i.Source, Properties = JsonDocument.Parse(i.Properties).RootElement }));
        var orders = await db.Set<Order>().AsNoTracking().Include(o => o.Lines).Where(o => o.ContactId != null && ids.Contains(o.ContactId.Value)).ToListAsync(ct);
        Add("orders", orders.OrderBy(o => o.OrderedAt).Select(o => new
        {
            o.ExternalId,
            o.Channel,
            o.OrderedAt,
            o.Currency,
            o.Total,
            o.IsCancelled,
            o.StoreCode,
            Lines = o.Lines.Select(l => new { l.Sku, l.Description, l.Quantity, l.UnitPrice, l.LineTotal }),
        }));
        Add("auditTrail", (await db.Set<AuditEntry>().AsNoTracking().Where(a => a.ContactId != null && ids.Contains(a.ContactId.Value)).ToListAsync(ct))
            .OrderBy(a => a.Sequence)
            .Select(a => new { a.OccurredAt, a.Actor, a.Action }));

        var export = new PersonalDataExport { ContactId = contactId, ExportedAt = time.GetUtcNow().UtcDateTime, Sections = sections };
        await audit.RecordAsync("privacy.exported", contactId, nameof(Contact), contactId, ct: ct);
        return export;
    }

    public async Task RectifyAsync(Guid contactId, Rectification change, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Set<Contact>().Include(x => x.Emails).Include(x => x.Phones).SingleOrDefaultAsync(x => x.Id == contactId, ct)
            ?? throw new NotFoundException("Contact", contactId);
        if (c.Status == ContactStatus.Erased)
        {
            throw new ConflictException("An erased contact cannot be rectified.");
        }

        var errors = new ValidationErrors();
        var changed = new List<string>();
        if (change.GivenNames is not null)
        {
            c.GivenNames = Normalize.PersonName(change.GivenNames);
            changed.Add("givenNames");
        }

        if (change.PaternalSurname is not null)
        {
            c.PaternalSurname = Normalize.PersonName(change.PaternalSurname);
            changed.Add("paternalSurname");
        }

        if (change.MaternalSurname is not null)
        {
            c.MaternalSurname = Normalize.PersonName(change.MaternalSurname);
            changed.Add("maternalSurname");
        }

        if (change.BirthDate is { } birth)
        {
            if (birth > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            {
                errors.Add("birthDate", "is in the future");
            }

            c.BirthDate = birth;
            changed.Add("birthDate");
        }

        if (change.Gender is not null)
        {
            c.Gender = change.Gender.Trim().Length == 0 ? null : change.Gender.Trim();
            changed.Add("gender");
        }

        if (change.Locale is not null)
        {
            c.Locale = change.Locale.Trim().Length == 0 ? null : change.Locale.Trim();
            changed.Add("locale");
        }

        if (change.PrimaryEmail is not null)
        {
            var email = Normalize.Email(change.PrimaryEmail);
            if (email.Value is null)
            {
                errors.Add("primaryEmail", email.Error ?? "is not an email address");
            }
            else
            {
                ReplacePrimary(c.Emails, e => e.IsPrimary, e => e.IsPrimary = false, () => new ContactEmail { ContactId = c.Id, Address = email.Value, IsPrimary = true }, e => e.Address = email.Value, db);
                changed.Add("primaryEmail");
            }
        }

        if (change.PrimaryPhone is not null)
        {
            var phone = Normalize.Phone(change.PrimaryPhone);
            if (phone.Value is null)
            {
                errors.Add("primaryPhone", phone.Error ?? "is not a phone number");
            }
            else
            {
                ReplacePrimary(c.Phones, p => p.IsPrimary, p => p.IsPrimary = false, () => new ContactPhone { ContactId = c.Id, Number = phone.Value, IsPrimary = true }, p => p.Number = phone.Value, db);
                changed.Add("primaryPhone");
            }
        }

        errors.ThrowIfAny();
        c.DisplayName = Contact.ComposeDisplayName(c.GivenNames, c.PaternalSurname, c.MaternalSurname);
        c.SearchName = Normalize.SearchKey(c.DisplayName);
        c.UpdatedAt = time.GetUtcNow().UtcDateTime;
        // The audit names the fields, never the values: the log must not become a second copy of the data.
        await AuditLog.AppendAsync(db, audit.ActorName, c.UpdatedAt, [new AuditEvent("privacy.rectified", c.Id, nameof(Contact), c.Id, new { fields = changed })], ct);
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
    }

    private static void ReplacePrimary<T>(List<T> items, Func<T, bool> isPrimary, Action<T> demote, Func<T> create, Action<T> set, VinculoDbContext db) where T : class
    {
        var primary = items.FirstOrDefault(isPrimary);
        if (primary is not null)
        {
            set(primary);
            return;
        }

        items.ForEach(demote);
        db.Add(create());
    }

    /// <summary>Restricts processing (ARCO "bloqueo"): the contact receives nothing and is not routed, until erased or unblocked.</summary>
    public Task BlockAsync(Guid contactId, string? reason = null, CancellationToken ct = default) =>
        SetStatusAsync(contactId, ContactStatus.Active, ContactStatus.Blocked, "privacy.blocked", reason, ct);

    public Task UnblockAsync(Guid contactId, CancellationToken ct = default) =>
        SetStatusAsync(contactId, ContactStatus.Blocked, ContactStatus.Active, "privacy.unblocked", null, ct);

    private async Task SetStatusAsync(Guid contactId, ContactStatus from, ContactStatus to, string action, string? reason, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Set<Contact>().SingleOrDefaultAsync(x => x.Id == contactId, ct) ?? throw new NotFoundException("Contact", contactId);
        if (c.Status == to)
        {
            return;
        }

        if (c.Status != from)
        {
            throw new ConflictException($"The contact is {c.Status.ToString().ToLowerInvariant()}; it must be {from.ToString().ToLowerInvariant()}.");
        }

        c.Status = to;
        c.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await AuditLog.AppendAsync(db, audit.ActorName, c.UpdatedAt, [new AuditEvent(action, c.Id, nameof(Contact), c.Id, reason is null ? null : new { reason })], ct);
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
    }

    /// <summary>
    /// Erasure (ARCO "cancelación" / GDPR art. 17) of a blocked contact: the row stays as a tombstone
    /// (so counts, orders, timeline and the audit chain keep their shape) but no personal data is
    /// left in any table: names, birth date, custom values, emails, phones, addresses, tags, event
    /// properties, consent evidence and audit details are removed or cleared. One transaction.
    /// </summary>
    public async Task EraseAsync(Guid contactId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Set<Contact>().SingleOrDefaultAsync(x => x.Id == contactId, ct) ?? throw new NotFoundException("Contact", contactId);
        if (c.Status == ContactStatus.Erased)
        {
            return;
        }

        if (c.Status != ContactStatus.Blocked)
        {
            throw new ConflictException("Block the contact before erasing it.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Records merged into this person (identity resolution) are the same person: erased with it.
        var ids = await WithMergedAsync(db, contactId, ct);
        foreach (var eraser in erasers)
        {
            await eraser.BeforeCoreErasureAsync(db, ids, ct);
        }

        await db.Set<Contact>().Where(x => ids.Contains(x.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.GivenNames, (string?)null)
            .SetProperty(x => x.PaternalSurname, (string?)null)
            .SetProperty(x => x.MaternalSurname, (string?)null)
            .SetProperty(x => x.DisplayName, ErasedDisplayName)
            .SetProperty(x => x.SearchName, "")
            .SetProperty(x => x.BirthDate, (DateOnly?)null)
            .SetProperty(x => x.Gender, (string?)null)
            .SetProperty(x => x.Locale, (string?)null)
            .SetProperty(x => x.TimeZone, (string?)null)
            .SetProperty(x => x.ExternalId, (string?)null)
            .SetProperty(x => x.CustomFields, "{}")
            .SetProperty(x => x.UpdatedAt, now), ct);
        // The person's own row becomes the tombstone; merged rows keep their Merged status, now empty.
        await db.Set<Contact>().Where(x => x.Id == contactId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ContactStatus.Erased), ct);

        await db.Set<ContactEmail>().Where(e => ids.Contains(e.ContactId)).ExecuteDeleteAsync(ct);
        await db.Set<ContactPhone>().Where(p => ids.Contains(p.ContactId)).ExecuteDeleteAsync(ct);
        await db.Set<PostalAddress>().Where(a => a.ContactId != null && ids.Contains(a.ContactId.Value)).ExecuteDeleteAsync(ct);
        await db.Set<ContactTag>().Where(t => ids.Contains(t.ContactId)).ExecuteDeleteAsync(ct);
        await db.Set<OrganizationMembership>().Where(m => ids.Contains(m.ContactId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Title, (string?)null).SetProperty(m => m.Role, (string?)null), ct);
        await db.Set<Interaction>().Where(i => i.ContactId != null && ids.Contains(i.ContactId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Properties, "{}").SetProperty(i => i.IdempotencyKey, (string?)null), ct);
        // Evidence of consents the person gave for a child (as guardian) may name them too.
        await db.Set<ConsentRecord>().Where(r => ids.Contains(r.ContactId) || (r.GivenByContactId != null && ids.Contains(r.GivenByContactId.Value)))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Evidence, (string?)null).SetProperty(r => r.Reason, (string?)null), ct);
        await db.Set<GuardianLink>().Where(l => (ids.Contains(l.MinorId) || ids.Contains(l.GuardianId)) && l.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.EndedAt, now).SetProperty(l => l.EndReason, "erased"), ct);
        // Details are hashed apart from the row, so clearing them keeps the chain verifiable.
        await db.Set<AuditEntry>().Where(a => a.ContactId != null && ids.Contains(a.ContactId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Details, (string?)null), ct);
        foreach (var eraser in erasers)
        {
            foreach (var id in ids)
            {
                await eraser.EraseAsync(db, id, ct);
            }
        }

        await AuditLog.AppendAsync(db, audit.ActorName, now, [new AuditEvent("privacy.erased", contactId, nameof(Contact), contactId)], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Done by bulk statements: the tombstone, its channels, tags, roles and the guardian links it ended.
        segmentSignals?.Changed(db, SegmentDependency.ActiveContacts | SegmentDependency.Contacts | SegmentDependency.Tags
            | SegmentDependency.Organizations | SegmentDependency.Families);
    }

    /// <summary>The contact and every record merged into it, directly or through a chain of merges.</summary>
    private static async Task<List<Guid>> WithMergedAsync(VinculoDbContext db, Guid contactId, CancellationToken ct)
    {
        var all = new List<Guid> { contactId };
        var frontier = new List<Guid> { contactId };
        while (frontier.Count > 0)
        {
            var next = await db.Set<Contact>().Where(x => x.MergedIntoId != null && frontier.Contains(x.MergedIntoId.Value))
                .Select(x => x.Id).ToListAsync(ct);
            frontier = [.. next.Except(all)];
            all.AddRange(frontier);
        }

        return all;
    }

    /// <summary>Objection to marketing (ARCO "oposición"): marketing is withdrawn on every channel at once.</summary>
    public async Task ObjectToMarketingAsync(Guid contactId, string source = "objection", CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await ledger.RecordAsync(
            [.. Enum.GetValues<ConsentChannel>().Select(ch => new ConsentChange(contactId, ch, ConsentPurpose.Marketing, ConsentStatus.Withdrawn, source, Reason: "objection to marketing", OccurredAt: now))],
            ct);
        await audit.RecordAsync("privacy.objection", contactId, nameof(Contact), contactId, new { purpose = "marketing" }, ct);
    }
}
