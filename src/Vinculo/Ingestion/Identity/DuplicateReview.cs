using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Identity;

/// <summary>What a reviewer compares of one contact: names, channels, birth date and primary address.</summary>
public sealed record ReviewContact(
    Guid Id,
    string DisplayName,
    string? GivenNames,
    string? PaternalSurname,
    string? MaternalSurname,
    DateOnly? BirthDate,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    string? Address,
    string? ExternalId,
    string? Source,
    ContactStatus Status,
    DateTime CreatedAt);

/// <summary>A candidate pair with both records in full, for the side-by-side review.</summary>
public sealed record ReviewPair(CandidateView Candidate, ReviewContact A, ReviewContact B);

/// <summary>A merge as the review page lists it: both names, when, how, and whether it was undone.</summary>
public sealed record MergeListItem(Guid Id, Guid SurvivorId, string SurvivorName, Guid LoserId, string LoserName, bool Automatic, string? Actor, DateTime MergedAt, DateTime? UnmergedAt);

/// <summary>Reads for the duplicate review page: one page of pairs with their records, and the merges.</summary>
public sealed class DuplicateReview(IDbContextFactory<VinculoDbContext> factory, DuplicateCandidateQueries candidates)
{
    /// <summary>A page of candidates (strongest first) with both contacts loaded set-based: one query per table.</summary>
    public async Task<PagedResult<ReviewPair>> PairsAsync(CandidateStatus status, int? page, int? pageSize, CancellationToken ct = default)
    {
        var views = await candidates.ListAsync(status, null, page, pageSize, ct);
        var ids = views.Items.SelectMany(v => new[] { v.ContactA.Id, v.ContactB.Id }).Distinct().ToList();
        var records = await RecordsAsync(ids, ct);
        ReviewContact Of(CandidateContact c) => records.GetValueOrDefault(c.Id)
            ?? new ReviewContact(c.Id, c.DisplayName, null, null, null, null, [], [], null, null, null, c.Status, default);
        return new PagedResult<ReviewPair>([.. views.Items.Select(v => new ReviewPair(v, Of(v.ContactA), Of(v.ContactB)))], views.Page, views.PageSize, views.Total);
    }

    /// <summary>Merges, newest first; undone ones included (marked) so a reviewer sees what happened.</summary>
    public async Task<PagedResult<MergeListItem>> MergesAsync(int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Set<ContactMerge>().AsNoTracking();
        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(m => m.MergedAt).ThenByDescending(m => m.Id).Skip((p - 1) * size).Take(size)
            .Select(m => new { m.Id, m.SurvivorId, m.LoserId, m.Automatic, m.Actor, m.MergedAt, m.UnmergedAt }).ToListAsync(ct);
        var ids = rows.SelectMany(r => new[] { r.SurvivorId, r.LoserId }).Distinct().ToList();
        var names = await db.Set<Contact>().AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.DisplayName }).ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct);
        return new PagedResult<MergeListItem>(
            [.. rows.Select(r => new MergeListItem(r.Id, r.SurvivorId, names.GetValueOrDefault(r.SurvivorId) ?? "", r.LoserId, names.GetValueOrDefault(r.LoserId) ?? "", r.Automatic, r.Actor, r.MergedAt, r.UnmergedAt))],
            p, size, total);
    }

    private async Task<Dictionary<Guid, ReviewContact>> RecordsAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var contacts = await db.Set<Contact>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var emails = (await db.Set<ContactEmail>().AsNoTracking().Where(e => ids.Contains(e.ContactId))
            .Select(e => new { e.ContactId, e.Address, e.IsPrimary }).ToListAsync(ct)).ToLookup(e => e.ContactId);
        var phones = (await db.Set<ContactPhone>().AsNoTracking().Where(x => ids.Contains(x.ContactId))
            .Select(x => new { x.ContactId, x.Number, x.IsPrimary }).ToListAsync(ct)).ToLookup(x => x.ContactId);
        var addresses = (await db.Set<PostalAddress>().AsNoTracking().Where(a => a.ContactId != null && ids.Contains(a.ContactId.Value)).ToListAsync(ct))
            .ToLookup(a => a.ContactId!.Value);
        return contacts.ToDictionary(c => c.Id, c => new ReviewContact(
            c.Id,
            c.DisplayName,
            c.GivenNames,
            c.PaternalSurname,
            c.MaternalSurname,
            c.BirthDate,
            [.. emails[c.Id].OrderByDescending(e => e.IsPrimary).Select(e => e.Address)],
            [.. phones[c.Id].OrderByDescending(x => x.IsPrimary).Select(x => x.Number)],
            addresses[c.Id].OrderByDescending(a => a.IsPrimary).Select(FormatAddress).FirstOrDefault(),
            c.ExternalId,
            c.Source,
            c.Status,
            c.CreatedAt));
    }

    /// <summary>Mexican order: street and numbers, neighborhood, postal code and city, state.</summary>
    public static string FormatAddress(PostalAddress a)
    {
        var street = string.Join(" ", new[] { a.Street, a.ExteriorNumber, string.IsNullOrWhiteSpace(a.InteriorNumber) ? null : "int. " + a.InteriorNumber }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var city = string.Join(" ", new[] { a.PostalCode, a.City }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return string.Join(", ", new[] { street, a.Neighborhood, city, a.State }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }
}
