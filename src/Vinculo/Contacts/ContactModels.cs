using System.Text.Json.Nodes;
using Vinculo.Families;

namespace Vinculo.Contacts;

public sealed record EmailInput(string Address, string? Label = null, bool IsPrimary = false);

public sealed record PhoneInput(string Number, string? Label = null, bool IsPrimary = false);

public sealed record AddressInput(
    string? Street = null,
    string? ExteriorNumber = null,
    string? InteriorNumber = null,
    string? Neighborhood = null,
    string? City = null,
    string? State = null,
    string? PostalCode = null,
    string? CountryCode = null,
    string? Label = null,
    bool IsPrimary = false);

/// <summary>A person as written by API, UI or import. An update replaces every field and list.</summary>
public sealed record ContactInput
{
    public string? GivenNames { get; init; }
    public string? PaternalSurname { get; init; }
    public string? MaternalSurname { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Gender { get; init; }
    public string? Locale { get; init; }
    public string? TimeZone { get; init; }
    public string? ExternalId { get; init; }
    public IReadOnlyList<EmailInput>? Emails { get; init; }
    public IReadOnlyList<PhoneInput>? Phones { get; init; }
    public IReadOnlyList<AddressInput>? Addresses { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>Values keyed by custom field key; checked against the workspace's definitions.</summary>
    public JsonObject? CustomFields { get; init; }
}

public sealed record EmailView(Guid Id, string Address, string? Label, bool IsPrimary, ChannelAddressStatus Status);

public sealed record PhoneView(Guid Id, string Number, string? Label, bool IsPrimary, ChannelAddressStatus Status);

public sealed record AddressView(
    Guid Id, string? Street, string? ExteriorNumber, string? InteriorNumber, string? Neighborhood,
    string? City, string? State, string? PostalCode, string CountryCode, string? Label, bool IsPrimary);

public sealed record ContactView
{
    public Guid Id { get; init; }
    public string? GivenNames { get; init; }
    public string? PaternalSurname { get; init; }
    public string? MaternalSurname { get; init; }
    public string DisplayName { get; init; } = "";
    public DateOnly? BirthDate { get; init; }
    /// <summary>Whole years today in the workspace's time zone; computed on read, never stored.</summary>
    public int? Age { get; init; }
    public bool IsMinor { get; init; }
    public string? Gender { get; init; }
    public string? Locale { get; init; }
    public string? TimeZone { get; init; }
    public string? ExternalId { get; init; }
    public ContactStatus Status { get; init; }
    public IReadOnlyList<EmailView> Emails { get; init; } = [];
    public IReadOnlyList<PhoneView> Phones { get; init; } = [];
    public IReadOnlyList<AddressView> Addresses { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public JsonObject CustomFields { get; init; } = [];
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public static ContactView From(Contact c, DateOnly today, int ageOfMajority) => new()
    {
        Id = c.Id,
        GivenNames = c.GivenNames,
        PaternalSurname = c.PaternalSurname,
        MaternalSurname = c.MaternalSurname,
        DisplayName = c.DisplayName,
        BirthDate = c.BirthDate,
        Age = c.BirthDate is { } b ? AgePolicy.AgeOn(b, today) : null,
        IsMinor = AgePolicy.IsMinor(c.BirthDate, today, ageOfMajority),
        Gender = c.Gender,
        Locale = c.Locale,
        TimeZone = c.TimeZone,
        ExternalId = c.ExternalId,
        Status = c.Status,
        Emails = [.. c.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Address)
            .Select(e => new EmailView(e.Id, e.Address, e.Label, e.IsPrimary, e.Status))],
        Phones = [.. c.Phones.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Number)
            .Select(p => new PhoneView(p.Id, p.Number, p.Label, p.IsPrimary, p.Status))],
        Addresses = [.. c.Addresses.OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Id)
            .Select(a => new AddressView(a.Id, a.Street, a.ExteriorNumber, a.InteriorNumber, a.Neighborhood, a.City, a.State, a.PostalCode, a.CountryCode, a.Label, a.IsPrimary))],
        Tags = [.. c.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)],
        CustomFields = CustomFieldValidator.Parse(c.CustomFields),
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
    };
}

/// <summary>
/// Contact search. <see cref="Query"/> is free text: an email, a phone (any writing) or a name.
/// The specific filters combine with it; every tag listed must be present.
/// </summary>
public sealed record ContactSearch
{
    public string? Query { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>Merged and erased contacts are left out unless asked for.</summary>
    public bool IncludeInactive { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}
