using Microsoft.EntityFrameworkCore;
using Vinculo.Privacy;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Identity;

/// <summary>
/// Erasure in identity resolution's own tables: the person's duplicate candidates and match keys
/// (keys hold normalized names, emails and phones) are deleted, and the snapshots of merges they took
/// part in (the loser's whole record) are emptied. An erased contact cannot be unmerged anyway.
/// </summary>
internal sealed class IdentityEraser : IPersonalDataEraser
{
    public async Task EraseAsync(VinculoDbContext db, Guid contactId, CancellationToken ct)
    {
        await db.Set<DuplicateCandidate>().Where(c => c.ContactAId == contactId || c.ContactBId == contactId).ExecuteDeleteAsync(ct);
        await db.Set<ContactMatchKey>().Where(k => k.ContactId == contactId).ExecuteDeleteAsync(ct);
        await db.Set<ContactMerge>().Where(m => m.SurvivorId == contactId || m.LoserId == contactId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Snapshot, "{}"), ct);
    }
}
