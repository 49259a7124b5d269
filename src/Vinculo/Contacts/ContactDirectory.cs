using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.Ingestion.Normalization;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Contacts;

/// <summary>What the contacts list asks: free text (any words of a name, an email or a phone) and tags.</summary>
public sealed record ContactListQuery(string? Text = null, IReadOnlyList<string>? Tags = null, int Page = 1, int PageSize = 25);

public sealed record ContactRow(Guid Id, string DisplayName, string? Email, string? Phone, DateOnly? BirthDate, ContactStatus Status);

/// <summary>A page of rows; <see cref="TotalIsCapped"/> means there are at least <see cref="Total"/> matches.</summary>
public sealed record ContactPage(IReadOnlyList<ContactRow> Items, long Total, bool TotalIsCapped);

/// <summary>
/// The contacts list as people browse it, built to stay fast with millions of contacts. Every filter
/// starts from an index: name words (<see cref="ContactNameWord"/>: a given name, either surname, in
/// any order, accent- and case-insensitive, the last word as a prefix), an email prefix, an exact E.164
/// phone, a tag. Unfiltered pages walk the covering (workspace, search name, id, status) index; a
/// name search pages in the words index order (matched word, then name); small id sets (an email, a
/// phone, a tag of at most <see cref="CountCap"/> contacts) are sorted in memory. The count stops at
/// <see cref="CountCap"/> instead of counting every contact on each keystroke.
/// </summary>
public sealed class ContactDirectory(IDbContextFactory<VinculoDbContext> contexts)
{
    public const int CountCap = 10_000;

    /// <summary>How many words-index rows a name search's count reads at most.</summary>
    public const int ScanWindow = 50_000;

    /// <summary>Up to this many contacts, a tag filter starts from the tag instead of walking names.</summary>
    public const int TagDriveLimit = 100_000;

    /// <summary>How far each word's range is counted to pick the smallest.</summary>
    private const int RangeProbe = 5_000;

    /// <summary>Above every character a search key holds, to turn a prefix into an index range.</summary>
    private const string PrefixEnd = "\uffff";

    public async Task<ContactPage> BrowseAsync(ContactListQuery list, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(list.PageSize, 1, 200);
        var page = Math.Max(1, list.Page);
        var skip = (page - 1) * pageSize;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Set<Contact>().AsNoTracking()
            .Where(c => c.Status == ContactStatus.Active || c.Status == ContactStatus.Blocked);

        // A small set of candidate ids found through an index, sorted in memory instead of walking the name index.
        List<Guid>? candidates = null;
        string[] nameWords = [];
        var text = list.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (text.Contains('@', StringComparison.Ordinal))
            {
                var lower = text.ToLowerInvariant();
                var upper = lower + PrefixEnd;
                candidates = await db.Set<ContactEmail>()
                    .Where(e => string.Compare(e.Address, lower) >= 0 && string.Compare(e.Address, upper) < 0)
                    .Select(e => e.ContactId).Distinct().Take(CountCap + 1).ToListAsync(ct);
            }
            else if (text.Count(char.IsAsciiDigit) >= 7 && text.All(ch => char.IsAsciiDigit(ch) || " +-().".Contains(ch, StringComparison.Ordinal)))
            {
                var workspace = await db.CurrentWorkspaceAsync(ct);
                var e164 = Normalize.Phone(text, workspace.CountryCode).Value ?? text;
                candidates = await db.Set<ContactPhone>().Where(p => p.Number == e164).Select(p => p.ContactId).Distinct().Take(CountCap + 1).ToListAsync(ct);
            }
            else
            {
                nameWords = NameWords(text);
            }
        }

        // Tags: a small one (at most CountCap contacts) gives the candidate ids, a middling one (at most
        // TagDriveLimit) drives the page query, larger ones filter as the name index is walked.
        var tagFilters = new List<string>();
        (string Name, int Count)? drivingTag = null;
        foreach (var tag in (list.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct())
        {
            var tagged = db.Set<ContactTag>().Where(t => t.Name == tag).Select(t => t.ContactId);
            if (candidates is null)
            {
                var tagCount = await tagged.Take(TagDriveLimit + 1).CountAsync(ct);
                if (tagCount <= CountCap && nameWords.Length == 0)
                {
                    candidates = await tagged.ToListAsync(ct);
                    continue;
                }

                if (tagCount <= TagDriveLimit && (drivingTag is null || tagCount < drivingTag.Value.Count))
                {
                    if (drivingTag is { } previous)
                    {
                        tagFilters.Add(previous.Name);
                    }

                    drivingTag = (tag, tagCount);
                    continue;
                }
            }

            tagFilters.Add(tag);
        }

        // EXISTS, probed by the tags' primary key (contact_id, name) as the name index is walked.
        foreach (var tag in tagFilters)
        {
            query = query.Where(c => db.Set<ContactTag>().Any(t => t.ContactId == c.Id && t.Name == tag));
        }

        long counted;
        var windowCapped = false;
        List<Guid> pageIds;
        // The name word whose index range is walked: chosen once, whichever side drives the query.
        var range = nameWords.Length > 0 ? await RangeWordAsync(db, nameWords, ct) : null;
        if (candidates is not null)
        {
            // Looked up by primary key only: the ids are the workspace's already, and with the workspace
            // term SQLite (without statistics) may scan the whole workspace instead.
            var byId = db.Set<Contact>().AsNoTracking().IgnoreQueryFilters()
                .Where(c => candidates.Contains(c.Id) && (c.Status == ContactStatus.Active || c.Status == ContactStatus.Blocked));
            foreach (var tag in tagFilters)
            {
                byId = byId.Where(c => db.Set<ContactTag>().Any(t => t.ContactId == c.Id && t.Name == tag));
            }

            var found = await byId.Select(c => new { c.Id, c.SearchName }).ToListAsync(ct);
            counted = found.Count;
            pageIds = [.. found.OrderBy(c => c.SearchName, StringComparer.Ordinal).ThenBy(c => c.Id).Skip(skip).Take(pageSize).Select(c => c.Id)];
        }
        else if (range is not null && (drivingTag is null || await WordRange(db, range).Take(drivingTag.Value.Count + 1).CountAsync(ct) <= drivingTag.Value.Count))
        {
            if (drivingTag is { } unused)
            {
                tagFilters.Add(unused.Name);
            }

            // The words index holds listed contacts only and carries the name: no contact is read here.
            var inRange = WordRange(db, range);
            // Counting reads at most ScanWindow index rows: past that, "at least" the matches found so far.
            var window = Filtered(db, inRange.Take(ScanWindow), nameWords, range, tagFilters).Select(w => w.ContactId).Take(CountCap + 1);
            var matched = await window.CountAsync(ct);
            // A contact with two words in the range is one match; below the cap that is worth counting exactly.
            counted = matched > CountCap ? matched : await window.Distinct().CountAsync(ct);
            windowCapped = counted <= CountCap && await inRange.Skip(ScanWindow).AnyAsync(ct);
            pageIds = await FirstWordOnly(db, Filtered(db, inRange, nameWords, range, tagFilters), range)
                .OrderBy(w => w.Word).ThenBy(w => w.SearchName).ThenBy(w => w.ContactId)
                .Skip(skip).Take(pageSize).Select(w => w.ContactId).ToListAsync(ct);
        }
        else if (drivingTag is { } taggedBy && range is not null && db.Provider == StorageProvider.Postgres)
        {
            // A tag with a name wider than it: the tag's rows meet the words index, which carries the name,
            // so no contact is read and the sort is on the index's own column. (Filtering contacts' names
            // instead, PostgreSQL misjudges the LIKE and scans every contact.)
            var tagged = from w in WordRange(db, range)
                         join t in db.Set<ContactTag>() on w.ContactId equals t.ContactId
                         where t.Name == taggedBy.Name
                         select w;
            var matches = Filtered(db, tagged, nameWords, range, tagFilters);
            counted = await matches.Select(w => w.ContactId).Distinct().Take(CountCap + 1).CountAsync(ct);
            pageIds = await FirstWordOnly(db, matches, range)
                .OrderBy(w => w.SearchName).ThenBy(w => w.ContactId)
                .Skip(skip).Take(pageSize).Select(w => w.ContactId).ToListAsync(ct);
        }
        else if (drivingTag is { } driving)
        {
            // From the tag's index rows to the contacts by primary key, top-N sorted by name: work in
            // proportion to the tag, wherever its contacts fall in name order. The workspace is explicit
            // so no workspace term on contacts tempts SQLite into walking them all.
            var workspaceId = db.WorkspaceId;
            var byTag = from t in db.Set<ContactTag>().IgnoreQueryFilters()
                        where t.WorkspaceId == workspaceId && t.Name == driving.Name
                        join c in db.Set<Contact>().IgnoreQueryFilters() on t.ContactId equals c.Id
                        where c.Status == ContactStatus.Active || c.Status == ContactStatus.Blocked
                        select c;
            foreach (var tag in tagFilters)
            {
                byTag = byTag.Where(c => db.Set<ContactTag>().Any(t => t.ContactId == c.Id && t.Name == tag));
            }

            // A name search narrower than the tag's range is checked on the tagged contacts' names.
            foreach (var word in nameWords)
            {
                var needle = " " + word;
                byTag = byTag.Where(c => (" " + c.SearchName.Replace("-", " ")).Contains(needle));
            }

            // Alone, the tag's rows count it (a contact no longer listed may be among them: the count says "more than" anyway).
            counted = tagFilters.Count == 0 && nameWords.Length == 0 ? driving.Count : await byTag.Select(c => c.Id).Take(CountCap + 1).CountAsync(ct);
            // "+ ''" hides the name index from the ORDER BY: PostgreSQL would otherwise walk every contact
            // in name order looking for the tagged ones, slow when they cluster late in the alphabet.
            pageIds = await byTag.OrderBy(c => c.SearchName + "").ThenBy(c => c.Id).Skip(skip).Take(pageSize).Select(c => c.Id).ToListAsync(ct);
        }
        else
        {
            counted = await query.Select(c => c.Id).Take(CountCap + 1).CountAsync(ct);
            pageIds = await query.OrderBy(c => c.SearchName).ThenBy(c => c.Id).Skip(skip).Take(pageSize).Select(c => c.Id).ToListAsync(ct);
        }

        if (windowCapped)
        {
            // "At least": never fewer than the rows already paged past, and one more page when this one is full.
            counted = Math.Max(counted, skip + pageIds.Count + (pageIds.Count == pageSize ? 1 : 0));
        }

        // By primary key only, as above.
        var rowsQuery = db.Set<Contact>().AsNoTracking().IgnoreQueryFilters()
            .Where(c => pageIds.Contains(c.Id))
            .Select(c => new ContactRow(
                c.Id,
                c.DisplayName,
                db.Set<ContactEmail>().Where(e => e.ContactId == c.Id).OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Address).Select(e => e.Address).FirstOrDefault(),
                db.Set<ContactPhone>().Where(p => p.ContactId == c.Id).OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Number).Select(p => p.Number).FirstOrDefault(),
                c.BirthDate,
                c.Status));
        var rows = await rowsQuery.ToListAsync(ct);
        var position = pageIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        return new ContactPage([.. rows.OrderBy(r => position[r.Id])], Math.Min(counted, CountCap), counted > CountCap || windowCapped);
    }

    /// <summary>The words of a name search as the words index holds them: no accents, lower case, split on spaces and hyphens.</summary>
    public static string[] NameWords(string text) =>
        [.. Normalize.SearchKey(text).Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Distinct()];

    /// <summary>
    /// Words-index rows of the contacts whose name has a word starting with each of <paramref name="words"/>
    /// (from <see cref="NameWords"/>): the longest word is the index range, the others are checked on the
    /// row's search name. A contact may appear once per word in the range.
    /// </summary>
    public static IQueryable<ContactNameWord> NameWordMatches(VinculoDbContext db, IReadOnlyList<string> words)
    {
        var range = words.OrderByDescending(w => w.Length).First();
        return Filtered(db, WordRange(db, range), words, range, []);
    }

    private static IQueryable<ContactNameWord> WordRange(VinculoDbContext db, string range)
    {
        var upper = range + PrefixEnd;
        return db.Set<ContactNameWord>().AsNoTracking()
            .Where(w => string.Compare(w.Word, range) >= 0 && string.Compare(w.Word, upper) < 0);
    }

    /// <summary>The other words must begin a word of the search name; the tags must be on the contact.</summary>
    private static IQueryable<ContactNameWord> Filtered(VinculoDbContext db, IQueryable<ContactNameWord> query, IReadOnlyList<string> words, string range, IReadOnlyList<string> tags)
    {
        foreach (var other in words.Where(w => w != range))
        {
            var needle = " " + other;
            query = query.Where(w => (" " + w.SearchName.Replace("-", " ")).Contains(needle));
        }

        foreach (var tag in tags)
        {
            query = query.Where(w => db.Set<ContactTag>().Any(t => t.ContactId == w.ContactId && t.Name == tag));
        }

        return query;
    }

    /// <summary>The word whose index range is smallest (counted up to a few thousand rows each), the longest on a tie.</summary>
    private static async Task<string> RangeWordAsync(VinculoDbContext db, string[] words, CancellationToken ct)
    {
        if (words.Length == 1)
        {
            return words[0];
        }

        var best = words[0];
        var bestCount = int.MaxValue;
        foreach (var word in words.OrderByDescending(w => w.Length))
        {
            var count = await WordRange(db, word).Take(RangeProbe).CountAsync(ct);
            if (count < bestCount)
            {
                (best, bestCount) = (word, count);
            }
        }

        return best;
    }

    /// <summary>Keeps one row per contact: two words of one name in the range ("gar": García Garza) would list it twice.</summary>
    private static IQueryable<ContactNameWord> FirstWordOnly(VinculoDbContext db, IQueryable<ContactNameWord> matches, string range) =>
        // Found through the (contact_id, workspace_id, word) index, for the rows up to the page only.
        matches.Where(w => !db.Set<ContactNameWord>().Any(o =>
            o.ContactId == w.ContactId && string.Compare(o.Word, range) >= 0 && string.Compare(o.Word, w.Word) < 0));

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
