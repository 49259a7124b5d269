using Microsoft.EntityFrameworkCore;
using Vinculo.Storage;

namespace Vinculo.Audit;

public static class AuditedSave
{
    private const int Attempts = 8;

    /// <summary>
    /// Saves the context's tracked changes and the audit entries describing them in one SaveChanges
    /// (one transaction). When another writer appended to the chain first (unique sequence), the
    /// entries are re-chained after the new head and the save is tried again; inside a caller's
    /// transaction there is no retry (PostgreSQL has aborted it).
    /// </summary>
    public static async Task SaveChangesAuditedAsync(this VinculoDbContext db, string actor, DateTime nowUtc, IReadOnlyList<AuditEvent> events, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await AuditLog.AppendAsync(db, actor, nowUtc, events, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < Attempts && db.Database.CurrentTransaction is null)
            {
                foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
                {
                    entry.State = EntityState.Detached;
                }

                await Task.Delay(attempt * 5, ct);
            }
        }
    }

    /// <inheritdoc cref="SaveChangesAuditedAsync(VinculoDbContext, string, DateTime, IReadOnlyList{AuditEvent}, CancellationToken)"/>
    public static Task SaveChangesAuditedAsync(this VinculoDbContext db, AuditActor? actor, TimeProvider time, AuditEvent audit, CancellationToken ct = default) =>
        db.SaveChangesAuditedAsync(actor?.Name ?? "system", time.GetUtcNow().UtcDateTime, [audit], ct);
}
