using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;

namespace Vinculo.Ingestion.Import;

/// <summary>
/// The contacts behind a chunk's keys (external ids, emails, phones), one indexed lookup per key kind,
/// keyed as <see cref="ContactDraft"/> keys. Every importer that links rows to contacts finds them here.
/// </summary>
internal static class ContactKeys
{
    /// <param name="survivors">
    /// Give a merged-away contact's survivor instead of the contact itself (events and orders land on the
    /// survivor); the contact importer takes the contacts themselves and follows merge chains as it loads them.
    /// </param>
    public static async Task<Dictionary<string, Guid>> FindAsync(
        VinculoDbContext db, IReadOnlyCollection<string> externalIds, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> phones, bool survivors, CancellationToken ct)
    {
        var byKey = new Dictionary<string, Guid>(StringComparer.Ordinal);
        // Merged-away contacts keep their external id, so one id can name several rows: the live one wins.
        var contactId = survivors ? "coalesce(merged_into_id, id)" : "id";
        foreach (var (key, id) in await KeyLookup.FindAsync(db, "contacts", "external_id", contactId, externalIds, $"(status = {(int)ContactStatus.Merged})", ct))
        {
            byKey.TryAdd(ContactDraft.ExternalKey(key), id);
        }

        foreach (var (key, id) in await KeyLookup.FindAsync(db, "contact_emails", "address", "contact_id", emails, ct: ct))
        {
            byKey.TryAdd(ContactDraft.EmailKey(key), id);
        }

        foreach (var (key, id) in await KeyLookup.FindAsync(db, "contact_phones", "number", "contact_id", phones, ct: ct))
        {
            byKey.TryAdd(ContactDraft.PhoneKey(key), id);
        }

        return byKey;
    }
}
