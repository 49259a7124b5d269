using Vinculo.Storage;

namespace Vinculo.Contacts;

/// <summary>Company size bands by employee count (as INEGI / EU SME bands).</summary>
public enum CompanySize
{
    Unknown = 0,
    /// <summary>1–10 employees.</summary>
    Micro = 1,
    /// <summary>11–50.</summary>
    Small = 2,
    /// <summary>51–250.</summary>
    Medium = 3,
    /// <summary>251–1,000.</summary>
    Large = 4,
    /// <summary>More than 1,000.</summary>
    Enterprise = 5,
}

/// <summary>A B2B account.</summary>
public sealed class Organization : WorkspaceEntity
{
    public required string Name { get; set; }
    public string? LegalName { get; set; }
    /// <summary>RFC in Mexico, or the country's tax id.</summary>
    public string? TaxId { get; set; }
    /// <summary>Market or industry, e.g. "Retail", "Manufactura".</summary>
    public string? Industry { get; set; }
    public CompanySize Size { get; set; }
    public int? EmployeeCount { get; set; }
    public string CountryCode { get; set; } = "MX";
    /// <summary>Web domain, lower-case, no scheme: "acme.com.mx".</summary>
    public string? Domain { get; set; }
    public string? ExternalId { get; set; }
    public string CustomFields { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static CompanySize SizeFor(int? employees) => employees switch
    {
        null => CompanySize.Unknown,
        <= 10 => CompanySize.Micro,
        <= 50 => CompanySize.Small,
        <= 250 => CompanySize.Medium,
        <= 1000 => CompanySize.Large,
        _ => CompanySize.Enterprise,
    };
}

/// <summary>A person's role at an organization.</summary>
public sealed class OrganizationMembership : WorkspaceEntity
{
    public Guid OrganizationId { get; set; }
    public Guid ContactId { get; set; }
    /// <summary>Functional role: Compras, TI, Dirección, …</summary>
    public string? Role { get; set; }
    public string? Title { get; set; }
    public bool IsDecisionMaker { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
}
