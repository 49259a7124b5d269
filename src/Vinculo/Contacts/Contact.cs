using Vinculo.Storage;

namespace Vinculo.Contacts;

public enum ContactStatus
{
    Active = 0,
    /// <summary>Processing restricted (ARCO blocking) before erasure.</summary>
    Blocked = 1,
    /// <summary>Tombstone: no personal data is kept.</summary>
    Erased = 2,
    /// <summary>Merged into another contact (see MergedIntoId).</summary>
    Merged = 3,
}

/// <summary>A person (B2C). Organizations are separate; a person relates to them by membership.</summary>
public sealed class Contact : WorkspaceEntity
{
    /// <summary>Given name(s), e.g. "María José".</summary>
    public string? GivenNames { get; set; }
    /// <summary>Apellido paterno.</summary>
    public string? PaternalSurname { get; set; }
    /// <summary>Apellido materno.</summary>
    public string? MaternalSurname { get; set; }
    /// <summary>Denormalised full name for search and lists; kept in step by ContactService.</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>DisplayName lower-cased without accents: what name search and matching compare.</summary>
    public string SearchName { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public string? Gender { get; set; }
    public string? Locale { get; set; }
    public string? TimeZone { get; set; }
    /// <summary>The id this person has in another system (POS, e-commerce, previous CRM).</summary>
    public string? ExternalId { get; set; }
    /// <summary>Where the record came from (pos, ecommerce, import, form, api); merge survivorship can rank by it.</summary>
    public string? Source { get; set; }
    public ContactStatus Status { get; set; }
    public Guid? MergedIntoId { get; set; }
    /// <summary>Custom field values as a JSON object keyed by field key; validated by CustomFieldDefinition.</summary>
    public string CustomFields { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<ContactEmail> Emails { get; set; } = [];
    public List<ContactPhone> Phones { get; set; } = [];
    public List<PostalAddress> Addresses { get; set; } = [];
    public List<ContactTag> Tags { get; set; } = [];

    public static string ComposeDisplayName(string? given, string? paternal, string? maternal) =>
        string.Join(' ', new[] { given, paternal, maternal }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
}

public enum ChannelAddressStatus
{
    Valid = 0,
    Unverified = 1,
    SoftBounced = 2,
    HardBounced = 3,
    Invalid = 4,
}

public sealed class ContactEmail : WorkspaceEntity
{
    public Guid ContactId { get; set; }
    /// <summary>Normalised: trimmed and lower-cased.</summary>
    public required string Address { get; set; }
    public string? Label { get; set; }
    public bool IsPrimary { get; set; }
    public ChannelAddressStatus Status { get; set; }
}

public sealed class ContactPhone : WorkspaceEntity
{
    public Guid ContactId { get; set; }
    /// <summary>E.164, e.g. +525512345678.</summary>
    public required string Number { get; set; }
    /// <summary>mobile, home, work, other.</summary>
    public string? Label { get; set; }
    public bool IsPrimary { get; set; }
    public ChannelAddressStatus Status { get; set; }
}

/// <summary>A postal address shaped for Mexico first (colonia, municipio) and usable elsewhere.</summary>
public sealed class PostalAddress : WorkspaceEntity
{
    public Guid? ContactId { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? Label { get; set; }
    public string? Street { get; set; }
    public string? ExteriorNumber { get; set; }
    public string? InteriorNumber { get; set; }
    /// <summary>Colonia / neighbourhood.</summary>
    public string? Neighborhood { get; set; }
    /// <summary>Municipio / city.</summary>
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string CountryCode { get; set; } = "MX";
    public bool IsPrimary { get; set; }
}

public sealed class ContactTag : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    public Guid ContactId { get; set; }
    public required string Name { get; set; }
}
