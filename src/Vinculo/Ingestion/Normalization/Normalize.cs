using System.Globalization;
using System.Net.Mail;
using System.Text;
using PhoneNumbers;

namespace Vinculo.Ingestion.Normalization;

/// <summary>
/// The basic "homologación" every entry path shares (API, forms, imports): names, emails, phones.
/// Each returns null for an empty input and throws nothing; a refused value comes back with a reason.
/// </summary>
public static partial class Normalize
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    // Particles stay lower-case inside a name: "María de la Luz", "Juan del Valle".
    private static readonly HashSet<string> NameParticles = new(StringComparer.OrdinalIgnoreCase)
    {
        "de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "van", "von",
    };

    /// <summary>Trims, folds inner white space and title-cases words, keeping accents and particles.</summary>
    public static string? PersonName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var words = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < words.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            var word = words[i];
            if (i > 0 && NameParticles.Contains(word))
            {
                sb.Append(word.ToLowerInvariant());
                continue;
            }

            sb.Append(TitleCaseWord(word));
        }

        return sb.ToString();
    }

    // Title-cases each part of hyphenated or apostrophe names: "o'brien-lópez" -> "O'Brien-López".
    private static string TitleCaseWord(string word)
    {
        var chars = word.ToLowerInvariant().ToCharArray();
        var startOfPart = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (startOfPart && char.IsLetter(chars[i]))
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
                startOfPart = false;
            }
            else if (chars[i] is '-' or '\'' or '’')
            {
                startOfPart = true;
            }
        }

        return new string(chars);
    }

    public static NormalizedValue Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        var trimmed = value.Trim().Trim('<', '>').ToLowerInvariant();
        if (trimmed.Length > 320 || trimmed.Contains(' ', StringComparison.Ordinal) || trimmed.Count(c => c == '@') != 1)
        {
            return NormalizedValue.Refused($"'{value}' is not an email address");
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            return NormalizedValue.Refused($"'{value}' is not an email address");
        }

        var domain = trimmed[(trimmed.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return NormalizedValue.Refused($"'{value}' has no valid domain");
        }

        return NormalizedValue.Ok(trimmed);
    }

    /// <summary>Parses a phone in any common writing and returns E.164; the region applies to numbers without a country code.</summary>
    public static NormalizedValue Phone(string? value, string defaultRegion = "MX")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        try
        {
            var number = Phones.Parse(value.Trim(), defaultRegion.ToUpperInvariant());
            if (!Phones.IsValidNumber(number))
            {
                return NormalizedValue.Refused($"'{value}' is not a valid phone number for {Phones.GetRegionCodeForNumber(number) ?? defaultRegion}");
            }

            return NormalizedValue.Ok(Phones.Format(number, PhoneNumberFormat.E164));
        }
        catch (NumberParseException ex)
        {
            return NormalizedValue.Refused($"'{value}' is not a phone number ({ex.ErrorType})");
        }
    }

    /// <summary>Lower-case, accents removed, white space folded: the key names are searched and matched by.</summary>
    public static string SearchKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            sb.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }

        return sb.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }
}

/// <summary>A normalised value, or the reason it was refused.</summary>
public readonly record struct NormalizedValue(string? Value, string? Error)
{
    public static NormalizedValue Empty => default;

    public bool IsEmpty => Value is null && Error is null;

    public bool IsRefused => Error is not null;

    public static NormalizedValue Ok(string value) => new(value, null);

    public static NormalizedValue Refused(string reason) => new(null, reason);
}
