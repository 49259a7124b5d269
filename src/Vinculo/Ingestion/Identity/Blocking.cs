namespace Vinculo.Ingestion.Identity;

/// <summary>
/// Blocking: only records that share at least one key are compared, so matching grows with the
/// block sizes instead of N². Several independent keys are used so one corrupted field (a typo'd
/// surname, a wrong year) does not hide a duplicate: what one key misses another catches.
/// </summary>
public static class Blocking
{
    /// <summary>Blocks larger than this are too common to be informative ("garcia|j") and are skipped.</summary>
    public const int DefaultMaxBlockSize = 200;

    /// <summary>The kinds of blocking key (the prefix before the first '|'), for measuring each alone.</summary>
    public static readonly string[] KeyKinds = ["sg", "sy", "pg", "d", "gy", "n", "a"];

    /// <summary>The probabilistic blocking keys of one record; records sharing any key become a candidate pair.</summary>
    public static IEnumerable<string> Keys(PreparedRecord r)
    {
        var givenInitial = r.Given.Length > 0 ? r.Given[..1] : "";
        var givenPrefix = r.Given.Length >= 2 ? r.Given[..2] : r.Given;

        // Every surname (paternal and maternal) keys alike, so swapped or missing maternal surnames still meet.
        foreach (var surname in r.SurnameKeys)
        {
            if (givenInitial.Length > 0)
            {
                yield return $"sg|{surname}|{givenInitial}";
            }

            if (r.BirthYear.Length > 0)
            {
                yield return $"sy|{surname}|{r.BirthYear}";
            }
        }

        if (r.PostalCode.Length > 0 && givenPrefix.Length > 0)
        {
            yield return $"pg|{r.PostalCode}|{givenPrefix}";
        }

        if (r.BirthDate.Length >= 6)
        {
            yield return $"d|{r.BirthDate}";
        }

        if (r.GivenKey.Length > 0 && r.BirthYear.Length > 0)
        {
            yield return $"gy|{r.GivenKey}|{r.BirthYear}";
        }

        if (r.NationalId.Length >= 5)
        {
            yield return $"n|{r.NationalId}";
        }

        if (r.Street.Length > 0 && r.StreetNumber.Length > 0)
        {
            yield return $"a|{Phonetic.Key(r.Street, 6)}|{r.StreetNumber}";
        }
    }

    /// <summary>Exact identity keys: two records sharing one are the same person without further evidence.</summary>
    public static IEnumerable<(string Kind, string Key)> ExactKeys(PreparedRecord r)
    {
        foreach (var email in r.Emails)
        {
            yield return ("email", email);
        }

        foreach (var phone in r.Phones)
        {
            yield return ("phone", phone);
        }

        if (r.ExternalId.Length > 0)
        {
            yield return ("external_id", r.ExternalId);
        }

        foreach (var handle in r.SocialHandles)
        {
            yield return ("social", handle);
        }
    }

    /// <summary>
    /// Candidate pairs (indexes into <paramref name="records"/>, smaller first; for a linkage the
    /// source-0 record first) from the records' blocking keys.
    /// </summary>
    public static HashSet<(int A, int B)> CandidatePairs(IReadOnlyList<PreparedRecord> records, bool linkage, int maxBlockSize = DefaultMaxBlockSize, Func<string, bool>? keyFilter = null)
    {
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var key in Keys(records[i]).Distinct())
            {
                if (keyFilter is not null && !keyFilter(key))
                {
                    continue;
                }

                if (!blocks.TryGetValue(key, out var members))
                {
                    blocks[key] = members = [];
                }

                members.Add(i);
            }
        }

        var pairs = new HashSet<(int, int)>();
        foreach (var members in blocks.Values)
        {
            if (members.Count < 2 || members.Count > maxBlockSize)
            {
                continue;
            }

            AddPairs(records, members, linkage, pairs);
        }

        return pairs;
    }

    internal static void AddPairs(IReadOnlyList<PreparedRecord> records, List<int> members, bool linkage, HashSet<(int, int)> pairs)
    {
        for (var x = 0; x < members.Count; x++)
        {
            for (var y = x + 1; y < members.Count; y++)
            {
                var a = members[x];
                var b = members[y];
                if (linkage)
                {
                    var sa = records[a].Source.Source;
                    var sb = records[b].Source.Source;
                    if (sa == sb)
                    {
                        continue;
                    }

                    pairs.Add(sa == 0 ? (a, b) : (b, a));
                }
                else
                {
                    pairs.Add(a < b ? (a, b) : (b, a));
                }
            }
        }
    }
}
