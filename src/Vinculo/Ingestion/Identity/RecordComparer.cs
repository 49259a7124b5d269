namespace Vinculo.Ingestion.Identity;

/// <summary>The fields the probabilistic matcher compares; the order is the comparison vector's.</summary>
public enum MatchField
{
    GivenName,
    Surname,
    BirthDate,
    StreetNumber,
    Street,
    Neighborhood,
    City,
    PostalCode,
    State,
    Phone,
    Email,
    NationalId,
}

/// <summary>
/// Compares two prepared records field by field into agreement levels: 0 is disagreement, the
/// highest level is exact agreement, <see cref="Missing"/> means one side has no value (no evidence).
/// </summary>
public static class RecordComparer
{
    public const byte Missing = 255;

    public static readonly int FieldCount = Enum.GetValues<MatchField>().Length;

    /// <summary>How many agreement levels each field has.</summary>
    public static readonly int[] LevelCounts = [4, 4, 4, 2, 4, 3, 3, 3, 2, 3, 3, 4];

    /// <summary>Fills <paramref name="levels"/> (and <paramref name="similarities"/> when not empty) for the pair.</summary>
    public static void Compare(PreparedRecord a, PreparedRecord b, Span<byte> levels, Span<float> similarities = default)
    {
        var keep = similarities.Length >= FieldCount;
        Span<double> sims = stackalloc double[FieldCount];
        sims.Fill(double.NaN);

        levels[(int)MatchField.GivenName] = CompareGiven(a, b, out sims[(int)MatchField.GivenName]);
        levels[(int)MatchField.Surname] = CompareSurnames(a, b, out sims[(int)MatchField.Surname]);
        levels[(int)MatchField.BirthDate] = CompareDate(a.BirthDate, b.BirthDate, out sims[(int)MatchField.BirthDate]);
        levels[(int)MatchField.StreetNumber] = Exact(a.StreetNumber, b.StreetNumber, out sims[(int)MatchField.StreetNumber]);
        levels[(int)MatchField.Street] = Graded(a.Street, b.Street, 0.90, 0.75, out sims[(int)MatchField.Street]);
        levels[(int)MatchField.Neighborhood] = Graded(a.Neighborhood, b.Neighborhood, 0.85, out sims[(int)MatchField.Neighborhood]);
        levels[(int)MatchField.City] = Graded(a.City, b.City, 0.85, out sims[(int)MatchField.City]);
        levels[(int)MatchField.PostalCode] = CompareCode(a.PostalCode, b.PostalCode, out sims[(int)MatchField.PostalCode]);
        levels[(int)MatchField.State] = Exact(a.State, b.State, out sims[(int)MatchField.State]);
        levels[(int)MatchField.Phone] = ComparePhones(a.Phones, b.Phones, out sims[(int)MatchField.Phone]);
        levels[(int)MatchField.Email] = CompareEmails(a.Emails, b.Emails, out sims[(int)MatchField.Email]);
        levels[(int)MatchField.NationalId] = CompareId(a.NationalId, b.NationalId, out sims[(int)MatchField.NationalId]);
        if (keep)
        {
            for (var i = 0; i < FieldCount; i++)
            {
                similarities[i] = (float)sims[i];
            }
        }
    }

    public static byte[] Compare(PreparedRecord a, PreparedRecord b)
    {
        var levels = new byte[FieldCount];
        Compare(a, b, levels);
        return levels;
    }

    private static byte CompareGiven(PreparedRecord a, PreparedRecord b, out double similarity)
    {
        similarity = double.NaN;
        if (a.Given.Length == 0 || b.Given.Length == 0)
        {
            return Missing;
        }

        if (a.Given == b.Given)
        {
            similarity = 1;
            return 3;
        }

        similarity = Math.Max(StringSimilarity.JaroWinkler(a.Given, b.Given), StringSimilarity.TokenSet(a.GivenTokens, b.GivenTokens));

        // First names are short: Jaro-Winkler gives "jorge"/"jose" 0.83, so the bands sit higher than for surnames.
        return Grade(similarity, 0.94, 0.88);
    }

    /// <summary>
    /// Spanish surnames: paternal and maternal may be swapped, the maternal one missing, or both typed
    /// into one field; the best of ordered, swapped and token-set similarity counts.
    /// </summary>
    private static byte CompareSurnames(PreparedRecord a, PreparedRecord b, out double similarity)
    {
        similarity = double.NaN;
        if (a.SurnameTokens.Count == 0 || b.SurnameTokens.Count == 0)
        {
            return Missing;
        }

        if (a.Paternal == b.Paternal && a.Maternal == b.Maternal)
        {
            similarity = 1;
            return 3;
        }

        double best;
        if (a.Paternal.Length > 0 && b.Paternal.Length > 0)
        {
            var bothMaternal = a.Maternal.Length > 0 && b.Maternal.Length > 0;
            var ordered = bothMaternal
                ? (StringSimilarity.JaroWinkler(a.Paternal, b.Paternal) + StringSimilarity.JaroWinkler(a.Maternal, b.Maternal)) / 2
                : StringSimilarity.JaroWinkler(a.Paternal, b.Paternal);
            var swapped = bothMaternal
                ? (StringSimilarity.JaroWinkler(a.Paternal, b.Maternal) + StringSimilarity.JaroWinkler(a.Maternal, b.Paternal)) / 2
                : 0;
            best = Math.Max(ordered, swapped);
        }
        else
        {
            best = 0;
        }

        similarity = Math.Max(best, StringSimilarity.TokenSet(a.SurnameTokens, b.SurnameTokens));
        return Grade(similarity, 0.92, 0.80);
    }

    private static byte CompareDate(string a, string b, out double similarity)
    {
        similarity = double.NaN;
        if (a.Length == 0 || b.Length == 0)
        {
            return Missing;
        }

        if (a == b)
        {
            similarity = 1;
            return 3;
        }

        var distance = StringSimilarity.DamerauLevenshtein(a, b);
        similarity = 1 - ((double)distance / Math.Max(a.Length, b.Length));
        var monthDaySwapped = a.Length == 8 && b.Length == 8
            && a.AsSpan(0, 4).SequenceEqual(b.AsSpan(0, 4))
            && a.AsSpan(4, 2).SequenceEqual(b.AsSpan(6, 2))
            && a.AsSpan(6, 2).SequenceEqual(b.AsSpan(4, 2));
        return distance <= 1 || monthDaySwapped ? (byte)2 : distance == 2 ? (byte)1 : (byte)0;
    }

    private static byte CompareCode(string a, string b, out double similarity)
    {
        similarity = double.NaN;
        if (a.Length == 0 || b.Length == 0)
        {
            return Missing;
        }

        if (a == b)
        {
            similarity = 1;
            return 2;
        }

        var distance = StringSimilarity.DamerauLevenshtein(a, b);
        similarity = 1 - ((double)distance / Math.Max(a.Length, b.Length));
        return distance <= 1 ? (byte)1 : (byte)0;
    }

    private static byte CompareId(string a, string b, out double similarity)
    {
        similarity = double.NaN;
        if (a.Length == 0 || b.Length == 0)
        {
            return Missing;
        }

        if (a == b)
        {
            similarity = 1;
            return 3;
        }

        var distance = StringSimilarity.DamerauLevenshtein(a, b);
        similarity = 1 - ((double)distance / Math.Max(a.Length, b.Length));
        return distance switch
        {
            1 => 2,
            2 => 1,
            _ => 0,
        };
    }

    private static byte Exact(string a, string b, out double similarity)
    {
        similarity = double.NaN;
        if (a.Length == 0 || b.Length == 0)
        {
            return Missing;
        }

        similarity = a == b ? 1 : 0;
        return a == b ? (byte)1 : (byte)0;
    }

    /// <summary>Exact, then Jaro-Winkler bands: levels exact, ≥ high, ≥ low, below.</summary>
    private static byte Graded(string a, string b, double high, double low, out double similarity)
    {
        similarity = double.NaN;
        if (a.Length == 0 || b.Length == 0)
        {
            return Missing;
        }

        if (a == b)
        {
            similarity = 1;
            return 3;
        }

        similarity = StringSimilarity.JaroWinkler(a, b);
        return Grade(similarity, high, low);
    }

    /// <summary>Three levels: exact, ≥ threshold, below.</summary>
    private static byte Graded(string a, string b, double threshold, out double similarity)
    {
        similarity = double.NaN;
        if (a.Length == 0 || b.Length == 0)
        {
            return Missing;
        }

        if (a == b)
        {
            similarity = 1;
            return 2;
        }

        similarity = StringSimilarity.JaroWinkler(a, b);
        return similarity >= threshold ? (byte)1 : (byte)0;
    }

    private static byte Grade(double similarity, double high, double low) =>
        similarity >= high ? (byte)2 : similarity >= low ? (byte)1 : (byte)0;

    private static byte ComparePhones(IReadOnlyList<string> a, IReadOnlyList<string> b, out double similarity)
    {
        similarity = double.NaN;
        if (a.Count == 0 || b.Count == 0)
        {
            return Missing;
        }

        byte best = 0;
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (x == y)
                {
                    similarity = 1;
                    return 2;
                }

                // Same subscriber number written with and without a country or area prefix.
                if (x.Length >= 8 && y.Length >= 8 && x.AsSpan(x.Length - 8).SequenceEqual(y.AsSpan(y.Length - 8)))
                {
                    best = 1;
                }
            }
        }

        similarity = best == 1 ? 0.9 : 0;
        return best;
    }

    private static byte CompareEmails(IReadOnlyList<string> a, IReadOnlyList<string> b, out double similarity)
    {
        similarity = double.NaN;
        if (a.Count == 0 || b.Count == 0)
        {
            return Missing;
        }

        var best = 0.0;
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (x == y)
                {
                    similarity = 1;
                    return 2;
                }

                var xl = x.AsSpan(0, Math.Max(0, x.IndexOf('@', StringComparison.Ordinal)));
                var yl = y.AsSpan(0, Math.Max(0, y.IndexOf('@', StringComparison.Ordinal)));
                best = Math.Max(best, StringSimilarity.JaroWinkler(xl, yl));
            }
        }

        similarity = best;
        return best >= 0.92 ? (byte)1 : (byte)0;
    }
}
