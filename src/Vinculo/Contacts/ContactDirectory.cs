using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.Ingestion.Normalization;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Contacts;

/// <summary>What the contacts list asks: free text (a name's beginning, an email or a phone) and tags.</summary>
public sealed record ContactListQuery(string? Text = null, IReadOnlyList<string>? Tags = null, int Page = 1, int PageSize = 25);

public sealed record ContactRow(Guid Id, string DisplayName, string? Email, string? Phone, DateOnly? BirthDate, ContactStatus Status);

/// <summary>A page of rows; <see cref="TotalIsCapped"/> means there are at least <see cref="Total"/> matches.</summary>
public sealed record ContactPage(IReadOnlyList<ContactRow> Items, long Total, bool TotalIsCapped);

/// <summary>
/// The contacts list as people browse it, built to stay fast with millions of contacts: every filter
/// is an index range (name prefix on search_name, exact email or email prefix, exact E.164 phone,
/// tag by primary key), pages are ordered by the indexed search name, and the count stops at
/// <see cref="CountCap"/> instead of counting every contact on each keystroke.
/// </summary>
public sealed class ContactDirectory(IDbContextFactory<VinculoDbContext> contexts)
{
    public const int CountCap = 10_000;

    /// <summary>Above every character a search key holds, to turn a prefix into an index range.</summary>
    private const string PrefixEnd = "\uffff";

    public async Task<ContactPage> BrowseAsync(ContactListQuery list, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(list.PageSize, 1, 200);
        var page = Math.Max(1, list.Page);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Set<Contact>().AsNoTracking()
            .Where(c => c.Status == ContactStatus.Active || c.Status == ContactStatus.Blocked);

        var text = list.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (text.Contains('@', StringComparison.Ordinal))
            {
                var lower = text.ToLowerInvariant();
                var upper = lower + PrefixEnd;
                // Matching addresses first (an index range), then those contacts: a correlated EXISTS
                // would be checked contact by contact in name order, over every contact.
                var ids = await db.Set<ContactEmail>()
                    .Where(e => string.Compare(e.Address, lower) >= 0 && string.Compare(e.Address, upper) < 0)
                    .Select(e => e.ContactId).Distinct().Take(CountCap + 1).ToListAsync(ct);
                query = query.Where(c => ids.Contains(c.Id));
            }
            else if (text.Count(char.IsAsciiDigit) >= 7 && text.All(ch => char.IsAsciiDigit(ch) || " +-().".Contains(ch, StringComparison.Ordinal)))
            {
                var workspace = await db.CurrentWorkspaceAsync(ct);
                var e164 = Normalize.Phone(text, workspace.CountryCode).Value ?? text;
                var ids = await db.Set<ContactPhone>().Where(p => p.Number == e164).Select(p => p.ContactId).Distinct().Take(CountCap + 1).ToListAsync(ct);
                query = query.Where(c => ids.Contains(c.Id));
            }
            else
            {
                var key = Normalize.SearchKey(text);
                var upper = key + PrefixEnd;
                query = query.Where(c => string.Compare(c.SearchName, key) >= 0 && string.Compare(c.SearchName, upper) < 0);
            }
        }

        foreach (var tag in (list.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct())
        {
            query = query.Where(c => db.Set<ContactTag>().Any(t => t.ContactId == c.Id && t.Name == tag));
        }

        var counted = await query.Select(c => c.Id).Take(CountCap + 1).CountAsync(ct);
        var rows = await query
            .OrderBy(c => c.SearchName).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new ContactRow(
                c.Id,
                c.DisplayName,
                db.Set<ContactEmail>().Where(e => e.ContactId == c.Id).OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Address).Select(e => e.Address).FirstOrDefault(),
                db.Set<ContactPhone>().Where(p => p.ContactId == c.Id).OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Number).Select(p => p.Number).FirstOrDefault(),
                c.BirthDate,
                c.Status))
            .ToListAsync(ct);
        return new ContactPage(rows, Math.Min(counted, CountCap), counted > CountCap);
    }

    /// <summary>The workspace's tag names for the filter, alphabetically; at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(int limit = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<ContactTag>().AsNoTracking().Select(t => t.Name).Distinct().OrderBy(n => n).Take(limit).ToListAsync(ct);
    }
}

public static class ContactDirectoryServiceCollection
{
    public static IServiceCollection AddContactDirectory(this IServiceCollection services) => services.AddScoped<ContactDirectory>();
}
