using System.Globalization;
using System.Text;
using Vinculo.Ingestion.Normalization;

namespace Vinculo.Ingestion.Identity;

/// <summary>
/// What the matcher knows of one person, independent of storage: the product builds it from a
/// contact, the FEBRL evaluation from a CSV row. Values may be raw; <see cref="Prepare"/> folds them.
/// </summary>
public sealed class PersonRecord
{
    /// <summary>The caller's id for the record (contact id, rec_id).</summary>
    public required string Id { get; init; }
    /// <summary>Which side of a linkage the record is on (0 or 1); ignored for deduplication.</summary>
    public int Source { get; init; }
    public string? GivenNames { get; init; }
    /// <summary>Apellido paterno, or the only surname.</summary>
    public string? PaternalSurname { get; init; }
    /// <summary>Apellido materno; often missing.</summary>
    public string? MaternalSurname { get; init; }
    /// <summary>Birth date as yyyymmdd text (kept as text: a typo'd date is still evidence).</summary>
    public string? BirthDate { get; init; }
    public string? StreetNumber { get; init; }
    public string? Street { get; init; }
    /// <summary>Colonia / suburb / second address line.</summary>
    public string? Neighborhood { get; init; }
    /// <summary>City, municipio or locality.</summary>
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    /// <summary>Phones in E.164.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];
    public IReadOnlyList<string> Emails { get; init; } = [];
    public string? ExternalId { get; init; }
    /// <summary>Social handles as "network:handle".</summary>
    public IReadOnlyList<string> SocialHandles { get; init; } = [];
    /// <summary>A government id (CURP, social security number) when the source has one.</summary>
    public string? NationalId { get; init; }
    /// <summary>When the record was last changed; survivorship prefers the most recent.</summary>
    public DateTime? UpdatedAt { get; init; }

    public static string? FormatBirthDate(DateOnly? date) =>
        date?.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public PreparedRecord Prepare() => new(this);
}

/// <summary>A record folded once for matching: lower-case, accents and punctuation removed, tokens and phonetic keys ready.</summary>
public sealed class PreparedRecord
{
    // Particles carry no identity: "de la Cruz" vs "Cruz".
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "van", "von", "e", "i",
    };

    internal PreparedRecord(PersonRecord source)
    {
        Source = source;
        Given = Fold(source.GivenNames);
        GivenTokens = Tokens(Given);
        Paternal = Fold(source.PaternalSurname);
        Maternal = Fold(source.MaternalSurname);
        SurnameTokens = [.. Tokens(Paternal), .. Tokens(Maternal)];
        BirthDate = Digits(source.BirthDate);
        StreetNumber = Fold(source.StreetNumber);
        Street = Fold(source.Street);
        Neighborhood = Fold(source.Neighborhood);
        City = Fold(source.City);
        State = Fold(source.State);
        PostalCode = Fold(source.PostalCode).Replace(" ", "", StringComparison.Ordinal);
        Phones = [.. source.Phones.Select(Digits).Where(p => p.Length >= 7).Distinct()];
        Emails = [.. source.Emails.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct()];
        ExternalId = source.ExternalId?.Trim() ?? "";
        SocialHandles = [.. source.SocialHandles.Select(h => h.Trim().TrimStart('@').ToLowerInvariant()).Where(h => h.Length > 0).Distinct()];
        NationalId = Fold(source.NationalId).Replace(" ", "", StringComparison.Ordinal);
        var surnames = Tokens(Paternal).Concat(Tokens(Maternal)).Where(t => !Particles.Contains(t)).ToList();
        SurnameKeys = [.. surnames.Select(s => Phonetic.Key(s)).Where(k => k.Length > 0).Distinct()];
        GivenKey = GivenTokens.Count > 0 ? Phonetic.Key(GivenTokens[0]) : "";
    }

    public PersonRecord Source { get; }
    public string Given { get; }
    public IReadOnlyList<string> GivenTokens { get; }
    public string Paternal { get; }
    public string Maternal { get; }
    public IReadOnlyList<string> SurnameTokens { get; }
    /// <summary>Phonetic keys of each surname (paternal first), for blocking.</summary>
    public IReadOnlyList<string> SurnameKeys { get; }
    public string GivenKey { get; }
    public string BirthDate { get; }
    public string BirthYear => BirthDate.Length >= 4 ? BirthDate[..4] : "";
    public string StreetNumber { get; }
    public string Street { get; }
    public string Neighborhood { get; }
    public string City { get; }
    public string State { get; }
    public string PostalCode { get; }
    public IReadOnlyList<string> Phones { get; }
    public IReadOnlyList<string> Emails { get; }
    public string ExternalId { get; }
    public IReadOnlyList<string> SocialHandles { get; }
    public string NationalId { get; }

    /// <summary>Lower-case without accents; punctuation becomes space; white space folded.</summary>
    public static string Fold(string? value)
    {
        var key = Normalize.SearchKey(value);
        if (key.Length == 0)
        {
            return "";
        }

        var sb = new StringBuilder(key.Length);
        var lastSpace = true;
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
                lastSpace = false;
            }
            else if (!lastSpace && c != '\'' && c != '’')
            {
                sb.Append(' ');
                lastSpace = true;
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static string[] Tokens(string folded) =>
        folded.Length == 0 ? [] : folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Digits(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
