using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Families;

public sealed record GuardianLinkInput(Guid GuardianId, Guid MinorId, GuardianRelationship Relationship);

/// <summary>A guardian link seen from one side: <see cref="PersonId"/> is the other person (the guardian or the child).</summary>
public sealed record FamilyMemberView(
    Guid LinkId, Guid PersonId, string DisplayName, DateOnly? BirthDate, int? Age, bool IsMinor,
    GuardianRelationship Relationship, bool IsActive, DateTime CreatedAt, DateTime? EndedAt, string? EndReason);

/// <summary>
/// Guardian links between an adult and a minor. Minor status is computed from the birth date on the
/// workspace's local today and its age of majority, never stored.
/// </summary>
public sealed class FamilyService(IDbContextFactory<VinculoDbContext> contexts, TimeProvider time, SegmentSignals? segmentSignals = null)
{
    /// <summary>
    /// Links a guardian to a minor. The guardian must be of age (an unknown birth date is accepted), the child
    /// must be a minor by a known birth date. Linking the same pair again with the same relationship returns the active link.
    /// </summary>
    public async Task<FamilyMemberView> LinkAsync(GuardianLinkInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.CurrentWorkspaceAsync(ct);
        var today = workspace.Today(time);
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(input.Relationship))
        {
            errors.Add("relationship", "is not a guardian relationship");
        }

        if (input.GuardianId == input.MinorId)
        {
            errors.Add("minorId", "a person cannot be their own guardian");
        }

        var people = await db.Set<Contact>().AsNoTracking()
            .Where(c => c.Id == input.GuardianId || c.Id == input.MinorId)
            .Select(c => new { c.Id, c.BirthDate, c.Status })
            .ToListAsync(ct);
        var guardian = people.FirstOrDefault(p => p.Id == input.GuardianId);
        var minor = people.FirstOrDefault(p => p.Id == input.MinorId);
        if (guardian is null)
        {
            errors.Add("guardianId", $"contact {input.GuardianId} does not exist");
        }
        else if (AgePolicy.IsMinor(guardian.BirthDate, today, workspace.AgeOfMajority))
        {
            errors.Add("guardianId", $"the guardian is {AgePolicy.AgeOn(guardian.BirthDate!.Value, today)}, under the age of majority ({workspace.AgeOfMajority})");
        }

        if (minor is null)
        {
            errors.Add("minorId", $"contact {input.MinorId} does not exist");
        }
        else if (minor.BirthDate is null)
        {
            errors.Add("minorId", "the child needs a birth date to be known as a minor");
        }
        else if (!AgePolicy.IsMinor(minor.BirthDate, today, workspace.AgeOfMajority))
        {
            errors.Add("minorId", $"the child is {AgePolicy.AgeOn(minor.BirthDate.Value, today)}, not a minor (age of majority {workspace.AgeOfMajority})");
        }

        errors.ThrowIfAny();

        var existing = await db.Set<GuardianLink>()
            .FirstOrDefaultAsync(l => l.GuardianId == input.GuardianId && l.MinorId == input.MinorId && l.EndedAt == null, ct);
        if (existing is not null && existing.Relationship != input.Relationship)
        {
            throw new ConflictException($"These two people are already linked as {existing.Relationship}; end that link first.");
        }

        var link = existing ?? new GuardianLink
        {
            GuardianId = input.GuardianId,
            MinorId = input.MinorId,
            Relationship = input.Relationship,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (existing is null)
        {
            db.Add(link);
            await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        }

        return (await Members(db, today, workspace.AgeOfMajority, l => l.Id == link.Id, guardianSide: false, ct)).Single();
    }

    /// <summary>Ends a link (revoked, aged out, erased); the row stays as history.</summary>
    public async Task EndLinkAsync(Guid linkId, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var link = await db.Set<GuardianLink>().FirstOrDefaultAsync(l => l.Id == linkId, ct) ?? throw new NotFoundException("Guardian link", linkId);
        if (link.EndedAt is null)
        {
            link.EndedAt = time.GetUtcNow().UtcDateTime;
            var trimmed = string.IsNullOrWhiteSpace(reason) ? "revoked" : reason.Trim();
            link.EndReason = trimmed.Length > 100 ? trimmed[..100] : trimmed;
            await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        }
    }

    /// <summary>The guardians of a child (the other person in each view is the guardian).</summary>
    public async Task<IReadOnlyList<FamilyMemberView>> GetGuardiansAsync(Guid minorId, bool includeEnded = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.CurrentWorkspaceAsync(ct);
        await EnsureContactAsync(db, minorId, ct);
        return await Members(db, workspace.Today(time), workspace.AgeOfMajority, l => l.MinorId == minorId && (includeEnded || l.EndedAt == null), guardianSide: true, ct);
    }

    /// <summary>The children of a guardian (the other person in each view is the child).</summary>
    public async Task<IReadOnlyList<FamilyMemberView>> GetChildrenAsync(Guid guardianId, bool includeEnded = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.CurrentWorkspaceAsync(ct);
        await EnsureContactAsync(db, guardianId, ct);
        return await Members(db, workspace.Today(time), workspace.AgeOfMajority, l => l.GuardianId == guardianId && (includeEnded || l.EndedAt == null), guardianSide: false, ct);
    }

    /// <summary>Whether the contact is a minor today (false when the birth date is unknown).</summary>
    public async Task<bool> IsMinorAsync(Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var workspace = await db.CurrentWorkspaceAsync(ct);
        var birth = await db.Set<Contact>().Where(c => c.Id == contactId).Select(c => new { c.BirthDate }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Contact", contactId);
        return AgePolicy.IsMinor(birth.BirthDate, workspace.Today(time), workspace.AgeOfMajority);
    }

    private static async Task EnsureContactAsync(VinculoDbContext db, Guid id, CancellationToken ct)
    {
        if (!await db.Set<Contact>().AnyAsync(c => c.Id == id, ct))
        {
            throw new NotFoundException("Contact", id);
        }
    }

    private static async Task<List<FamilyMemberView>> Members(
        VinculoDbContext db, DateOnly today, int ageOfMajority, System.Linq.Expressions.Expression<Func<GuardianLink, bool>> filter, bool guardianSide, CancellationToken ct)
    {
        var links = db.Set<GuardianLink>().AsNoTracking().Where(filter);
        var people = db.Set<Contact>();
        var rows = await (guardianSide
            ? links.Join(people, l => l.GuardianId, c => c.Id, (l, c) => new { Link = l, c.Id, c.DisplayName, c.BirthDate })
            : links.Join(people, l => l.MinorId, c => c.Id, (l, c) => new { Link = l, c.Id, c.DisplayName, c.BirthDate }))
            .ToListAsync(ct);
        return [.. rows
            .OrderBy(r => r.Link.EndedAt is null ? 0 : 1).ThenBy(r => r.DisplayName)
            .Select(r => new FamilyMemberView(
                r.Link.Id, r.Id, r.DisplayName, r.BirthDate,
                r.BirthDate is { } b ? AgePolicy.AgeOn(b, today) : null,
                AgePolicy.IsMinor(r.BirthDate, today, ageOfMajority),
                r.Link.Relationship, r.Link.EndedAt is null, r.Link.CreatedAt, r.Link.EndedAt, r.Link.EndReason))];
    }
}

public static class FamiliesServiceCollection
{
    public static IServiceCollection AddFamilies(this IServiceCollection services) => services.AddScoped<FamilyService>();
}
