using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Ingestion.Mapping;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Timeline;

namespace Vinculo.Segments;

/// <summary>
/// The cheap trigger for event-driven refresh: every writer of data segments read tells it what changed
/// once the write has committed (in memory, no database work); the refresh worker drains the signals,
/// marks segments reading those kinds dirty with one UPDATE per workspace, and refreshes them.
/// Writers use one path: <see cref="SegmentSignalling.SaveChangesAndSignalAsync"/> for a plain save, or
/// <see cref="KindsOf"/> before the save and <see cref="Changed(VinculoDbContext, SegmentDependency)"/>
/// after their own transaction commits; both read the workspace from the context.
/// </summary>
public sealed class SegmentSignals
{
    private readonly ConcurrentDictionary<Guid, int> _pending = new();

    /// <summary>Data of these kinds changed in the workspace the context is bound to (call after the commit).</summary>
    public void Changed(VinculoDbContext db, SegmentDependency kinds)
    {
        if (kinds == SegmentDependency.None)
        {
            return;
        }

        Changed(db.WorkspaceId ?? throw new InvalidOperationException("A context opened for all workspaces must name the workspace of a change."), kinds);
    }

    /// <summary>Data of these kinds changed in the workspace (writers without a workspace-bound context, e.g. importers).</summary>
    public void Changed(Guid workspaceId, SegmentDependency kinds)
    {
        if (kinds != SegmentDependency.None)
        {
            _pending.AddOrUpdate(workspaceId, (int)kinds, (_, existing) => existing | (int)kinds);
        }
    }

    /// <summary>Takes every pending signal, per workspace.</summary>
    public IReadOnlyList<(Guid WorkspaceId, SegmentDependency Kinds)> Drain()
    {
        var drained = new List<(Guid, SegmentDependency)>();
        foreach (var workspaceId in _pending.Keys)
        {
            if (_pending.TryRemove(workspaceId, out var kinds))
            {
                drained.Add((workspaceId, (SegmentDependency)kinds));
            }
        }

        return drained;
    }

    /// <summary>A merge or unmerge moves a contact's every row (orders, events, consent, tags …) to another contact.</summary>
    public const SegmentDependency EverythingOfAContact = SegmentDependency.ActiveContacts | SegmentDependency.Contacts | SegmentDependency.Orders
        | SegmentDependency.Events | SegmentDependency.Consent | SegmentDependency.Tags | SegmentDependency.Families
        | SegmentDependency.Organizations | SegmentDependency.Social;

    /// <summary>
    /// What one committed import chunk of this target wrote. Importers write through bulk sessions (nothing
    /// tracked) and may run in another process than the refresh worker (the CLI), so after each committed,
    /// non-dry-run chunk they mark the segments in the database:
    /// <c>await SegmentRefresher.MarkDirtyAsync(db, SegmentSignals.KindsOfImport(job.Target), ct)</c>.
    /// </summary>
    public static SegmentDependency KindsOfImport(ImportTarget target) => target switch
    {
        // Contacts created and updated with channels, addresses, birth dates (a child's age), tags, organization roles and email consent.
        ImportTarget.Contacts => SegmentDependency.ActiveContacts | SegmentDependency.Contacts | SegmentDependency.Families
            | SegmentDependency.Tags | SegmentDependency.Organizations | SegmentDependency.Consent,
        // Unknown buyers become contacts; each order also writes an order.placed / order.cancelled event.
        ImportTarget.Orders => SegmentDependency.ActiveContacts | SegmentDependency.Contacts | SegmentDependency.Orders | SegmentDependency.Events,
        _ => SegmentDependency.Events,
    };

    /// <summary>What an interaction type tells segments: orders and consent have their own kinds, the rest are events.</summary>
    public static SegmentDependency KindOfEvent(string type) =>
        type.StartsWith("order.", StringComparison.Ordinal) ? SegmentDependency.Orders | SegmentDependency.Events
        : type.StartsWith("consent.", StringComparison.Ordinal) ? SegmentDependency.Consent | SegmentDependency.Events
        : SegmentDependency.Events;

    /// <summary>
    /// What the context's pending (tracked, unsaved) changes tell segments. Call before SaveChanges; a row
    /// whose only change is its UpdatedAt stamp changes nothing, so a repeated save signals nothing.
    /// Bulk statements (ExecuteUpdate/Delete, SQL) are not tracked: their writers name the kinds themselves.
    /// </summary>
    public static SegmentDependency KindsOf(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var kinds = SegmentDependency.None;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted
                || (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && p.Metadata.Name != "UpdatedAt")))
            {
                kinds |= KindOf(entry);
            }
        }

        return kinds;
    }

    private static SegmentDependency KindOf(EntityEntry entry) => entry.Entity switch
    {
        Contact => entry.State != EntityState.Modified || entry.Property(nameof(Contact.Status)).IsModified
            ? SegmentDependency.ActiveContacts | SegmentDependency.Contacts | SegmentDependency.Families
            // A birth date is also a child's age for the parents' "has children aged X–Y".
            : SegmentDependency.Contacts | (entry.Property(nameof(Contact.BirthDate)).IsModified ? SegmentDependency.Families : SegmentDependency.None),
        ContactEmail or ContactPhone or PostalAddress or CustomFieldDefinition => SegmentDependency.Contacts,
        ContactTag => SegmentDependency.Tags,
        ContactSocialProfile => SegmentDependency.Social,
        ConsentRecord => SegmentDependency.Consent,
        Interaction i => KindOfEvent(i.Type),
        // Lines are written with their order; an order of nobody (contact unknown) is in no segment.
        Order o => o.ContactId is null ? SegmentDependency.None : SegmentDependency.Orders,
        Product => SegmentDependency.Orders,
        GuardianLink => SegmentDependency.Families,
        Organization or OrganizationMembership => SegmentDependency.Organizations,
        _ => SegmentDependency.None,
    };
}

/// <summary>The one-call form of the signalling path for writers that save without their own transaction.</summary>
public static class SegmentSignalling
{
    /// <summary>
    /// Saves the context and then signals what the save changed. Inside an explicit transaction the
    /// signal would come before the commit (a refresh could miss the change), so that is refused:
    /// take <see cref="SegmentSignals.KindsOf"/> before the save and signal after the commit instead.
    /// </summary>
    public static async Task<int> SaveChangesAndSignalAsync(this VinculoDbContext db, SegmentSignals? signals, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Signal segments after the transaction commits, not inside it.");
        }

        var kinds = signals is null ? SegmentDependency.None : SegmentSignals.KindsOf(db);
        var written = await db.SaveChangesAsync(ct);
        signals?.Changed(db, kinds);
        return written;
    }
}
