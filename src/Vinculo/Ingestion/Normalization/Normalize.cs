using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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

        // Checked by hand (no MailAddress): this runs for every row of every import.
        var trimmed = value.Trim().Trim('<', '>').ToLowerInvariant();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (trimmed.Length > 320 || at <= 0 || at > 64 || trimmed.IndexOf('@', at + 1) >= 0 || !IsLocalPart(trimmed.AsSpan(0, at)))
        {
            return NormalizedValue.Refused($"'{value}' is not an email address");
        }

        if (!IsDomain(trimmed.AsSpan(at + 1)))
        {
            return NormalizedValue.Refused($"'{value}' has no valid domain");
        }

        return NormalizedValue.Ok(trimmed);
    }

    // RFC 5322 dot-atom, letters of any script allowed (SMTPUTF8).
    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsLetterOrDigit(c) && "!#$%&'*+/=?^_`{|}~.-".IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    // Labels of letters, digits and inner hyphens; at least two labels; the last one letters only.
    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length is 0 or > 253)
        {
            return false;
        }

        var labels = 0;
        while (true)
        {
            var dot = domain.IndexOf('.');
            var label = dot < 0 ? domain : domain[..dot];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            labels++;
            if (dot < 0)
            {
                break;
            }

            domain = domain[(dot + 1)..];
        }

        if (labels < 2 || domain.Length < 2)
        {
            return false;
        }

        foreach (var c in domain)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a phone in any common writing and returns E.164; the region applies to numbers without a country code.</summary>
    public static NormalizedValue Phone(string? value, string defaultRegion = "MX")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        if (TryFastPhone(value, defaultRegion, out var fast))
        {
            return NormalizedValue.Ok(fast);
        }

        return ParsePhone(value, defaultRegion);
    }

    private static NormalizedValue ParsePhone(string value, string defaultRegion)
    {
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

    // Validity of a national number depends on its leading digits and length only, so it is learnt once
    // per (region, first six digits, length) from libphonenumber and reused: parsing is the import's hottest step.
    private static readonly ConcurrentDictionary<(string Region, int Prefix, int Length), bool> ValidPrefixes = new();

    private static bool TryFastPhone(string value, string region, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        Span<char> digits = stackalloc char[16];
        var count = 0;
        var plus = false;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.' or '\t'))
            {
                return false;
            }
        }

        var upperRegion = region.Length == 2 && char.IsUpper(region[0]) && char.IsUpper(region[1]) ? region : region.ToUpperInvariant();
        var countryCode = Phones.GetCountryCodeForRegion(upperRegion);
        if (countryCode == 0)
        {
            return false;
        }

        Span<char> code = stackalloc char[4];
        countryCode.TryFormat(code, out var codeLength, default, CultureInfo.InvariantCulture);
        ReadOnlySpan<char> national = digits[..count];
        if (plus)
        {
            if (!national.StartsWith(code[..codeLength]))
            {
                return false;
            }

            national = national[codeLength..];
        }

        if (national.Length is < 8 or > 12 || national[0] == '0')
        {
            return false;
        }

        var key = (upperRegion, int.Parse(national[..6], CultureInfo.InvariantCulture), national.Length);
        var candidate = string.Concat("+", code[..codeLength], national);
        if (!ValidPrefixes.TryGetValue(key, out var valid))
        {
            // Learn from this number: valid only if libphonenumber agrees on validity and on the E.164 form.
            valid = ParsePhone(value, upperRegion) is { Value: { } parsed } && parsed == candidate;
            ValidPrefixes.TryAdd(key, valid);
        }

        e164 = valid ? candidate : null;
        return valid;
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
