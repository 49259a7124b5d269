using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Segments;
using Vinculo.Storage;

namespace Vinculo.Contacts;

public sealed record OrganizationInput
{
    public string Name { get; init; } = "";
    public string? LegalName { get; init; }
    public string? TaxId { get; init; }
    public string? Industry { get; init; }
    /// <summary>Left out: derived from <see cref="EmployeeCount"/>.</summary>
    public CompanySize? Size { get; init; }
    public int? EmployeeCount { get; init; }
    public string? CountryCode { get; init; }
    public string? Domain { get; init; }
    public string? ExternalId { get; init; }
    public JsonObject? CustomFields { get; init; }
}

public sealed record OrganizationView(
    Guid Id, string Name, string? LegalName, string? TaxId, string? Industry, CompanySize Size, int? EmployeeCount,
    string CountryCode, string? Domain, string? ExternalId, JsonObject CustomFields, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static OrganizationView From(Organization o) => new(
        o.Id, o.Name, o.LegalName, o.TaxId, o.Industry, o.Size, o.EmployeeCount, o.CountryCode, o.Domain, o.ExternalId,
        CustomFieldValidator.Parse(o.CustomFields), o.CreatedAt, o.UpdatedAt);
}

public sealed record MembershipInput(
    Guid ContactId,
    string? Role = null,
    string? Title = null,
    bool IsDecisionMaker = false,
    DateOnly? StartedOn = null,
    DateOnly? EndedOn = null);

/// <summary>A membership seen from either side: the person's name and the organization's name are both filled in.</summary>
public sealed record MembershipView(
    Guid Id, Guid OrganizationId, string OrganizationName, Guid ContactId, string ContactName,
    string? Role, string? Title, bool IsDecisionMaker, DateOnly? StartedOn, DateOnly? EndedOn);

/// <summary>B2B accounts and the people who work at them.</summary>
public sealed class OrganizationService(IDbContextFactory<VinculoDbContext> contexts, TimeProvider time, SegmentSignals? segmentSignals = null)
{
    public async Task<OrganizationView> CreateAsync(OrganizationInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var organization = new Organization { Name = "", CreatedAt = now, UpdatedAt = now };
        await ApplyAsync(db, organization, input, ct);
        db.Add(organization);
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        return OrganizationView.From(organization);
    }

    public async Task<OrganizationView> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var organization = await db.Set<Organization>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new NotFoundException("Organization", id);
        return OrganizationView.From(organization);
    }

    public async Task<OrganizationView> UpdateAsync(Guid id, OrganizationInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var organization = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new NotFoundException("Organization", id);
        await ApplyAsync(db, organization, input, ct);
        organization.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        return OrganizationView.From(organization);
    }

    /// <summary>Deletes the organization and its memberships; orders keep their rows with the link cleared.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var organization = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new NotFoundException("Organization", id);
        db.Remove(organization);
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
    }

    /// <summary>Organizations whose name or domain contains <paramref name="query"/>, optionally of one industry, by name.</summary>
    public async Task<PagedResult<OrganizationView>> SearchAsync(string? query, string? industry = null, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.Set<Organization>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var lowered = query.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower().Contains to SQL; the overload with StringComparison it cannot.
            q = q.Where(o => o.Name.ToLower().Contains(lowered) || (o.Domain != null && o.Domain.Contains(lowered)));
#pragma warning restore CA1862
        }

        if (!string.IsNullOrWhiteSpace(industry))
        {
            var i = industry.Trim();
            q = q.Where(o => o.Industry == i);
        }

        var total = await q.LongCountAsync(ct);
        var items = await q.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<OrganizationView>([.. items.Select(OrganizationView.From)], p, size, total);
    }

    /// <summary>The industries organizations of the workspace name, alphabetically; at most <paramref name="limit"/> (for pickers).</summary>
    public async Task<IReadOnlyList<string>> IndustriesAsync(int limit = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Organization>().AsNoTracking().Where(o => o.Industry != null).Select(o => o.Industry!).Distinct().OrderBy(i => i).Take(limit).ToListAsync(ct);
    }

    public async Task<MembershipView> AddMembershipAsync(Guid organizationId, MembershipInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Set<Organization>().AnyAsync(o => o.Id == organizationId, ct))
        {
            throw new NotFoundException("Organization", organizationId);
        }

        if (!await db.Set<Contact>().AnyAsync(c => c.Id == input.ContactId, ct))
        {
            throw new ValidationFailedException("contactId", $"contact {input.ContactId} does not exist");
        }

        var membership = new OrganizationMembership { OrganizationId = organizationId, ContactId = input.ContactId };
        ApplyMembership(membership, input);
        db.Add(membership);
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        return await ViewAsync(db, membership.Id, ct);
    }

    /// <summary>Changes role, title, decision maker and dates; the person and the organization stay.</summary>
    public async Task<MembershipView> UpdateMembershipAsync(Guid organizationId, Guid membershipId, MembershipInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var membership = await db.Set<OrganizationMembership>().FirstOrDefaultAsync(m => m.Id == membershipId && m.OrganizationId == organizationId, ct)
            ?? throw new NotFoundException("Membership", membershipId);
        ApplyMembership(membership, input);
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        return await ViewAsync(db, membership.Id, ct);
    }

    public async Task RemoveMembershipAsync(Guid organizationId, Guid membershipId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var deleted = await db.Set<OrganizationMembership>().Where(m => m.Id == membershipId && m.OrganizationId == organizationId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw new NotFoundException("Membership", membershipId);
        }

        segmentSignals?.Changed(db, SegmentDependency.Organizations);
    }

    public async Task<IReadOnlyList<MembershipView>> ListMembersAsync(Guid organizationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Set<Organization>().AnyAsync(o => o.Id == organizationId, ct))
        {
            throw new NotFoundException("Organization", organizationId);
        }

        return (await Views(db, m => m.OrganizationId == organizationId).ToListAsync(ct)).OrderBy(v => v.ContactName, StringComparer.CurrentCulture).ToList();
    }

    public async Task<IReadOnlyList<MembershipView>> ListForContactAsync(Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await Views(db, m => m.ContactId == contactId).ToListAsync(ct)).OrderBy(v => v.OrganizationName, StringComparer.CurrentCulture).ToList();
    }

    private static IQueryable<MembershipView> Views(VinculoDbContext db, System.Linq.Expressions.Expression<Func<OrganizationMembership, bool>> filter) =>
        from m in db.Set<OrganizationMembership>().AsNoTracking().Where(filter)
        join o in db.Set<Organization>() on m.OrganizationId equals o.Id
        join c in db.Set<Contact>() on m.ContactId equals c.Id
        select new MembershipView(m.Id, o.Id, o.Name, c.Id, c.DisplayName, m.Role, m.Title, m.IsDecisionMaker, m.StartedOn, m.EndedOn);

    private static async Task<MembershipView> ViewAsync(VinculoDbContext db, Guid id, CancellationToken ct) =>
        await Views(db, m => m.Id == id).FirstAsync(ct);

    private static void ApplyMembership(OrganizationMembership m, MembershipInput input)
    {
        var errors = new ValidationErrors();
        var role = Trimmed(input.Role, 100, "role", errors);
        var title = Trimmed(input.Title, 200, "title", errors);
        if (input.StartedOn is { } s && input.EndedOn is { } e && e < s)
        {
            errors.Add("endedOn", "must not be before startedOn");
        }

        errors.ThrowIfAny();
        m.Role = role;
        m.Title = title;
        m.IsDecisionMaker = input.IsDecisionMaker;
        m.StartedOn = input.StartedOn;
        m.EndedOn = input.EndedOn;
    }

    private static async Task ApplyAsync(VinculoDbContext db, Organization o, OrganizationInput input, CancellationToken ct)
    {
        var definitions = await db.Set<CustomFieldDefinition>().AsNoTracking().Where(d => d.Target == CustomFieldTarget.Organization).ToListAsync(ct);
        var errors = new ValidationErrors();
        var name = Trimmed(input.Name, 300, "name", errors);
        if (name is null)
        {
            errors.Add("name", "is required");
        }

        var country = (input.CountryCode ?? o.CountryCode).Trim().ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            errors.Add("countryCode", "must be an ISO 3166-1 alpha-2 code such as MX");
        }

        if (input.EmployeeCount is < 0)
        {
            errors.Add("employeeCount", "must not be negative");
        }

        if (input.Size is { } size && !Enum.IsDefined(size))
        {
            errors.Add("size", "is not a company size");
        }

        var domain = Domain(input.Domain);
        if (domain is not null && (domain.Length > 253 || !domain.Contains('.', StringComparison.Ordinal) || domain.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-'))))
        {
            errors.Add("domain", $"'{input.Domain}' is not a web domain");
        }

        var taxId = Trimmed(input.TaxId, 20, "taxId", errors)?.ToUpperInvariant();
        var customFields = CustomFieldValidator.Validate(definitions, input.CustomFields, errors);
        var legalName = Trimmed(input.LegalName, 300, "legalName", errors);
        var industry = Trimmed(input.Industry, 100, "industry", errors);
        var externalId = Trimmed(input.ExternalId, 200, "externalId", errors);
        errors.ThrowIfAny();

        o.Name = name!;
        o.LegalName = legalName;
        o.TaxId = taxId;
        o.Industry = industry;
        o.EmployeeCount = input.EmployeeCount;
        o.Size = input.Size ?? Organization.SizeFor(input.EmployeeCount);
        o.CountryCode = country;
        o.Domain = domain;
        o.ExternalId = externalId;
        o.CustomFields = customFields.ToJsonString();
    }

    /// <summary>"https://www.Acme.com.mx/contacto" → "acme.com.mx".</summary>
    public static string? Domain(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var d = value.Trim().ToLowerInvariant();
        var scheme = d.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            d = d[(scheme + 3)..];
        }

        var slash = d.IndexOfAny(['/', '?', '#']);
        if (slash >= 0)
        {
            d = d[..slash];
        }

        if (d.StartsWith("www.", StringComparison.Ordinal))
        {
            d = d[4..];
        }

        return d.TrimEnd('.');
    }

    private static string? Trimmed(string? value, int max, string field, ValidationErrors errors)
    {
        var t = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (t is { Length: var n } && n > max)
        {
            errors.Add(field, $"must be at most {max} characters");
        }

        return t;
    }
}
