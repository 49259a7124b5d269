using System.Globalization;

namespace Vinculo.Ingestion.Normalization;

/// <summary>Dates, countries, postal codes, genders and ids: the rest of the shared "homologación".</summary>
public static partial class Normalize
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "yyyy/MM/dd", "yyyyMMdd", "dd/MM/yy", "d/M/yy",
    ];

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ssK",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "dd/MM/yyyy",
    ];

    // Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29).
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>dd/mm/yyyy (Mexican order, never US), yyyy-mm-dd, and Excel serial numbers; to ISO yyyy-MM-dd.</summary>
    public static NormalizedValue Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        var date = ParseDate(value);
        return date is { } d
            ? NormalizedValue.Ok(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : NormalizedValue.Refused($"'{value}' is not a date (dd/mm/aaaa or aaaa-mm-dd)");
    }

    public static DateOnly? ParseDate(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        // A date with a time of day, e.g. "2018-02-05 19:28:23".
        if (DateTime.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dateTime))
        {
            return DateOnly.FromDateTime(dateTime);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            return ExcelEpoch.AddDays((int)Math.Floor(serial));
        }

        return null;
    }

    /// <summary>A moment: ISO or dd/mm/yyyy with optional time, or an Excel serial; read as UTC.</summary>
    public static DateTime? ParseDateTime(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return null;
        }

        if (DateTime.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dateTime))
        {
            return DateTime.SpecifyKind(dateTime, DateTimeKind.Utc);
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            return DateTime.SpecifyKind(new DateTime(1899, 12, 30).AddDays(serial), DateTimeKind.Utc);
        }

        return null;
    }

    public static NormalizedValue DateTimeValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        return ParseDateTime(value) is { } d
            ? NormalizedValue.Ok(d.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            : NormalizedValue.Refused($"'{value}' is not a date and time");
    }

    /// <summary>A country name (Spanish or English, any accents/case) or code to ISO 3166-1 alpha-2.</summary>
    public static NormalizedValue Country(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        return Countries.ToAlpha2(value) is { } code
            ? NormalizedValue.Ok(code)
            : NormalizedValue.Refused($"'{value}' is not a known country");
    }

    /// <summary>Mexican código postal: five digits; a four-digit one lost its leading zero in Excel.</summary>
    public static NormalizedValue PostalCodeMx(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        var trimmed = value.Trim();
        if (trimmed.EndsWith(".0", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^2];
        }

        if (trimmed.Length is 4 or 5 && trimmed.All(char.IsAsciiDigit))
        {
            return NormalizedValue.Ok(trimmed.PadLeft(5, '0'));
        }

        return NormalizedValue.Refused($"'{value}' is not a Mexican postal code (5 digits)");
    }

    /// <summary>female, male, non_binary or other from the usual Spanish and English writings.</summary>
    public static NormalizedValue Gender(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return NormalizedValue.Empty;
        }

        return SearchKey(value).TrimEnd('.') switch
        {
            "f" or "femenino" or "mujer" or "female" or "woman" or "fem" => NormalizedValue.Ok("female"),
            "m" or "h" or "masculino" or "hombre" or "male" or "man" or "masc" => NormalizedValue.Ok("male"),
            "no binario" or "non-binary" or "nonbinary" or "nb" or "x" => NormalizedValue.Ok("non_binary"),
            "otro" or "other" or "o" => NormalizedValue.Ok("other"),
            _ => NormalizedValue.Refused($"'{value}' is not a known gender"),
        };
    }

    /// <summary>Trims and folds inner white space; spreadsheet artefacts like "17850.0" lose the ".0".</summary>
    public static string? Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            if (char.IsWhiteSpace(trimmed[i]) && (trimmed[i] != ' ' || (i + 1 < trimmed.Length && char.IsWhiteSpace(trimmed[i + 1]))))
            {
                return string.Join(' ', trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return trimmed;
    }

    /// <summary>An identifier from another system: trimmed, and a numeric id exported as "17850.0" becomes "17850".</summary>
    public static string? Identifier(string? value)
    {
        var text = Text(value);
        if (text is null)
        {
            return null;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && text.AsSpan(0, dot).ContainsAnyExceptInRange('0', '9') == false && text.AsSpan(dot + 1).Trim('0').IsEmpty)
        {
            return text[..dot];
        }

        return text;
    }
}
