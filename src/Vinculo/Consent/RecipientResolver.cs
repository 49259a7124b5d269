using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Consent;

/// <summary>
/// Who actually receives a message meant for <see cref="SubjectContactId"/>: the subject itself
/// (an adult) or one of its guardians (a minor; the child's id is carried for the template).
/// </summary>
public sealed record Recipient(Guid ContactId, Guid SubjectContactId)
{
    public bool IsGuardian => ContactId != SubjectContactId;
}

/// <summary>
/// The minors policy, in the one place every channel calls:
/// <list type="bullet">
/// <item>an active adult with current granted consent for the channel and purpose receives it itself;</item>
/// <item>a minor is never a recipient: each active, adult guardian (active link) whose own consent
/// for the channel and purpose is granted receives it instead, or nobody does;</item>
/// <item>profiling a minor also needs a granted profiling consent on the child's ledger given by
/// one of its active guardians;</item>
/// <item>blocked, erased and merged contacts receive nothing and are not routed.</item>
/// </list>
/// A minor is born after the workspace's majority cut-off (in its time zone), or has no birth date
/// but an active guardian link. Transactional messages follow the ledger like every purpose.
/// </summary>
public sealed class RecipientResolver(IDbContextFactory<VinculoDbContext> factory, TimeProvider time)
{
    private const int ChunkSize = 2000;

    public async Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<Guid> contactIds, ConsentChannel channel, ConsentPurpose purpose, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Set<Workspace>().SingleAsync(w => w.Id == db.WorkspaceId, ct);
        var cutoff = AgeRules.For(workspace, time).LatestAdultBirthDate;
        var result = new List<Recipient>();
        foreach (var chunk in contactIds.Distinct().Chunk(ChunkSize))
        {
            var subjects = db.Set<Contact>().Where(c => chunk.Contains(c.Id)).Select(c => c.Id);
            result.AddRange(await AdultsQuery(db, subjects, channel, purpose, cutoff).ToListAsync(ct));
            result.AddRange(await GuardiansQuery(db, subjects, channel, purpose, cutoff).ToListAsync(ct));
        }

        return [.. result.Distinct()];
    }

    /// <summary>The recipients for every contact of a query (e.g. a segment), without loading ids.</summary>
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(Func<VinculoDbContext, IQueryable<Guid>> subjects, ConsentChannel channel, ConsentPurpose purpose, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Set<Workspace>().SingleAsync(w => w.Id == db.WorkspaceId, ct);
        var cutoff = AgeRules.For(workspace, time).LatestAdultBirthDate;
        var adults = await AdultsQuery(db, subjects(db), channel, purpose, cutoff).ToListAsync(ct);
        var guardians = await GuardiansQuery(db, subjects(db), channel, purpose, cutoff).ToListAsync(ct);
        return [.. adults.Concat(guardians).Distinct()];
    }

    /// <summary>Subjects that are adults and may receive the message themselves.</summary>
    public static IQueryable<Recipient> AdultsQuery(VinculoDbContext db, IQueryable<Guid> subjects, ConsentChannel channel, ConsentPurpose purpose, DateOnly latestAdultBirthDate)
    {
        var activeLinks = db.Set<GuardianLink>().Where(l => l.EndedAt == null);
        var granted = ConsentLedger.CurrentlyGranted(db, channel, purpose);
        return db.Set<Contact>()
            .Where(c => subjects.Contains(c.Id) && c.Status == ContactStatus.Active)
            .Where(c => c.BirthDate == null ? !activeLinks.Any(l => l.MinorId == c.Id) : c.BirthDate <= latestAdultBirthDate)
            .Where(c => granted.Any(g => g.ContactId == c.Id))
            .Select(c => new Recipient(c.Id, c.Id));
    }

    /// <summary>Guardians who receive the message in place of a minor subject.</summary>
    public static IQueryable<Recipient> GuardiansQuery(VinculoDbContext db, IQueryable<Guid> subjects, ConsentChannel channel, ConsentPurpose purpose, DateOnly latestAdultBirthDate)
    {
        var contacts = db.Set<Contact>();
        var activeLinks = db.Set<GuardianLink>().Where(l => l.EndedAt == null);
        var granted = ConsentLedger.CurrentlyGranted(db, channel, purpose);
        var profiling = purpose == ConsentPurpose.Profiling;
        var childProfiling = ConsentLedger.CurrentlyGranted(db, channel, ConsentPurpose.Profiling);
        var minors = contacts
            .Where(c => subjects.Contains(c.Id) && c.Status == ContactStatus.Active)
            .Where(c => c.BirthDate == null ? activeLinks.Any(l => l.MinorId == c.Id) : c.BirthDate > latestAdultBirthDate);
        return from child in minors
               join link in activeLinks on child.Id equals link.MinorId
               join guardian in contacts on link.GuardianId equals guardian.Id
               where guardian.Status == ContactStatus.Active
                     && (guardian.BirthDate == null || guardian.BirthDate <= latestAdultBirthDate)
                     && granted.Any(g => g.ContactId == guardian.Id)
                     && (!profiling || childProfiling.Any(p => p.ContactId == child.Id
                         && activeLinks.Any(l => l.MinorId == child.Id && l.GuardianId == p.GivenByContactId)))
               select new Recipient(guardian.Id, child.Id);
    }

    /// <summary>Which of the contacts may be profiled (scored, clustered) today: adults by their own consent, minors by a guardian's.</summary>
    public async Task<IReadOnlySet<Guid>> ProfilingAllowedAsync(IReadOnlyCollection<Guid> contactIds, ConsentChannel channel = ConsentChannel.Email, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var workspace = await db.Set<Workspace>().SingleAsync(w => w.Id == db.WorkspaceId, ct);
        var cutoff = AgeRules.For(workspace, time).LatestAdultBirthDate;
        var activeLinks = db.Set<GuardianLink>().Where(l => l.EndedAt == null);
        var granted = ConsentLedger.CurrentlyGranted(db, channel, ConsentPurpose.Profiling);
        var allowed = new HashSet<Guid>();
        foreach (var chunk in contactIds.Distinct().Chunk(ChunkSize))
        {
            var ids = await db.Set<Contact>()
                .Where(c => chunk.Contains(c.Id) && c.Status == ContactStatus.Active)
                .Where(c => (c.BirthDate == null ? !activeLinks.Any(l => l.MinorId == c.Id) : c.BirthDate <= cutoff)
                    ? granted.Any(g => g.ContactId == c.Id)
                    : granted.Any(g => g.ContactId == c.Id && activeLinks.Any(l => l.MinorId == c.Id && l.GuardianId == g.GivenByContactId)))
                .Select(c => c.Id)
                .ToListAsync(ct);
            allowed.UnionWith(ids);
        }

        return allowed;
    }
}
