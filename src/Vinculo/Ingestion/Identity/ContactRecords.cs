using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Identity;

/// <summary>Turns stored contacts into matcher records, a batch at a time (three set-based queries per batch).</summary>
internal static class ContactRecords
{
    public static async Task<List<PersonRecord>> LoadAsync(VinculoDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var contacts = await db.Set<Contact>().AsNoTracking()
            .Where(c => ids.Contains(c.Id) && c.Status == ContactStatus.Active)
            .Select(c => new { c.Id, c.GivenNames, c.PaternalSurname, c.MaternalSurname, c.BirthDate, c.ExternalId, c.UpdatedAt })
            .ToListAsync(ct);
        var emails = (await db.Set<ContactEmail>().AsNoTracking().Where(e => ids.Contains(e.ContactId))
            .Select(e => new { e.ContactId, e.Address }).ToListAsync(ct)).ToLookup(e => e.ContactId, e => e.Address);
        var phones = (await db.Set<ContactPhone>().AsNoTracking().Where(p => ids.Contains(p.ContactId))
            .Select(p => new { p.ContactId, p.Number }).ToListAsync(ct)).ToLookup(p => p.ContactId, p => p.Number);
        var addresses = (await db.Set<PostalAddress>().AsNoTracking().Where(a => a.ContactId != null && ids.Contains(a.ContactId.Value))
            .ToListAsync(ct)).GroupBy(a => a.ContactId!.Value).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.IsPrimary).First());

        return [.. contacts.Select(c =>
        {
            addresses.TryGetValue(c.Id, out var address);
            return new PersonRecord
            {
                Id = c.Id.ToString(),
                GivenNames = c.GivenNames,
                PaternalSurname = c.PaternalSurname,
                MaternalSurname = c.MaternalSurname,
                BirthDate = PersonRecord.FormatBirthDate(c.BirthDate),
                ExternalId = c.ExternalId,
                Emails = [.. emails[c.Id]],
                Phones = [.. phones[c.Id]],
                StreetNumber = address?.ExteriorNumber,
                Street = address?.Street,
                Neighborhood = address?.Neighborhood,
                City = address?.City,
                State = address?.State,
                PostalCode = address?.PostalCode,
                UpdatedAt = c.UpdatedAt,
            };
        })];
    }
}
