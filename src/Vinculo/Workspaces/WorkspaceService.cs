using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Storage;

namespace Vinculo.Workspaces;

public sealed record WorkspaceInput(
    string Name,
    string Slug,
    string? CountryCode = null,
    int? AgeOfMajority = null,
    string? DefaultLocale = null,
    string? TimeZone = null);

/// <summary>Workspaces (brands) and who belongs to them. Workspaces are not workspace-owned, so this reads across all.</summary>
public sealed partial class WorkspaceService(VinculoDatabase database, WorkspaceScope scope, TimeProvider time)
{
    public async Task<Workspace> CreateAsync(WorkspaceInput input, CancellationToken ct = default)
    {
        var workspace = new Workspace { Name = "", Slug = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        Apply(workspace, input);
        await using var db = database.OpenAll();
        if (await db.Set<Workspace>().AnyAsync(w => w.Slug == workspace.Slug, ct))
        {
            throw new ConflictException($"A workspace with slug '{workspace.Slug}' already exists.");
        }

        db.Add(workspace);
        await db.SaveChangesAsync(ct);
        return workspace;
    }

    public async Task<Workspace> UpdateAsync(Guid id, WorkspaceInput input, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        var workspace = await db.Set<Workspace>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Workspace", id);
        Apply(workspace, input);
        if (await db.Set<Workspace>().AnyAsync(w => w.Slug == workspace.Slug && w.Id != id, ct))
        {
            throw new ConflictException($"A workspace with slug '{workspace.Slug}' already exists.");
        }

        await db.SaveChangesAsync(ct);
        return workspace;
    }

    public async Task<Workspace> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        return await db.Set<Workspace>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("Workspace", id);
    }

    public async Task<Workspace?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        var normalized = slug.Trim().ToLowerInvariant();
        return await db.Set<Workspace>().AsNoTracking().FirstOrDefaultAsync(w => w.Slug == normalized, ct);
    }

    /// <summary>The workspace the current scope acts for.</summary>
    public Task<Workspace> GetCurrentAsync(CancellationToken ct = default) => GetAsync(scope.WorkspaceId, ct);

    public async Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        return await db.Set<Workspace>().AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
    }

    /// <summary>Gives a user a role in a workspace, or changes it.</summary>
    public async Task<WorkspaceMembership> SetMemberRoleAsync(Guid workspaceId, string userId, WorkspaceRole role, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new ValidationFailedException("userId", "is required");
        }

        await using var db = database.OpenAll();
        if (!await db.Set<Workspace>().AnyAsync(w => w.Id == workspaceId, ct))
        {
            throw new NotFoundException("Workspace", workspaceId);
        }

        var membership = await db.Set<WorkspaceMembership>().FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (membership is null)
        {
            membership = new WorkspaceMembership { WorkspaceId = workspaceId, UserId = userId };
            db.Add(membership);
        }

        membership.Role = role;
        await db.SaveChangesAsync(ct);
        return membership;
    }

    public async Task RemoveMemberAsync(Guid workspaceId, string userId, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        await db.Set<WorkspaceMembership>().Where(m => m.WorkspaceId == workspaceId && m.UserId == userId).ExecuteDeleteAsync(ct);
    }

    /// <summary>The workspaces a user belongs to, with the role in each.</summary>
    public async Task<IReadOnlyList<(Workspace Workspace, WorkspaceRole Role)>> ListForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        var rows = await (from m in db.Set<WorkspaceMembership>()
                          join w in db.Set<Workspace>() on m.WorkspaceId equals w.Id
                          where m.UserId == userId
                          orderby w.Name
                          select new { w, m.Role }).AsNoTracking().ToListAsync(ct);
        return [.. rows.Select(r => (r.w, r.Role))];
    }

    private static void Apply(Workspace workspace, WorkspaceInput input)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors.Add("name", "is required and at most 200 characters");
        }

        var slug = input.Slug?.Trim().ToLowerInvariant() ?? "";
        if (!SlugPattern().IsMatch(slug))
        {
            errors.Add("slug", "must be 2–100 lower-case letters, digits or hyphens, starting with a letter or digit");
        }

        var country = (input.CountryCode ?? workspace.CountryCode).Trim().ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            errors.Add("countryCode", "must be an ISO 3166-1 alpha-2 code such as MX");
        }

        var age = input.AgeOfMajority ?? workspace.AgeOfMajority;
        if (age is < 14 or > 25)
        {
            errors.Add("ageOfMajority", "must be between 14 and 25");
        }

        var zone = input.TimeZone ?? workspace.TimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add("timeZone", $"'{zone}' is not a known time zone");
        }

        errors.ThrowIfAny();
        workspace.Name = name!;
        workspace.Slug = slug;
        workspace.CountryCode = country;
        workspace.AgeOfMajority = age;
        workspace.DefaultLocale = input.DefaultLocale?.Trim() ?? workspace.DefaultLocale;
        workspace.TimeZone = zone;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,99}$")]
    private static partial Regex SlugPattern();
}
