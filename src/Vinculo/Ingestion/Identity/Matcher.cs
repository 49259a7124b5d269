using System.Diagnostics;

namespace Vinculo.Ingestion.Identity;

/// <summary>Thresholds on the match probability: above AutoMerge the pair is merged, between the two it goes to review.</summary>
public sealed record MatchThresholds(double AutoMerge = 0.995, double Review = 0.5);

public sealed class MatchOptions
{
    /// <summary>Link two files (Source 0 with Source 1) instead of deduplicating one.</summary>
    public bool Linkage { get; init; }
    public int MaxBlockSize { get; init; } = Blocking.DefaultMaxBlockSize;
    /// <summary>Fit m/u by EM on this data; otherwise use <see cref="Model"/> (or the default).</summary>
    public bool FitModel { get; init; } = true;
    public MatchModel? Model { get; init; }
    public MatchThresholds Thresholds { get; init; } = new();
    /// <summary>For a linkage of two files each free of duplicates: keep only the best link per record.</summary>
    public bool OneToOne { get; init; }
    /// <summary>Random pairs drawn to estimate u.</summary>
    public int RandomPairs { get; init; } = 200_000;
    public int Seed { get; init; } = 42;
}

public enum MatchDecision
{
    None,
    Review,
    AutoMerge,
}

/// <summary>One compared pair. A and B index the records given to the matcher.</summary>
public sealed record ScoredPair(int A, int B, double Score, double Probability, MatchDecision Decision, string? ExactKey, byte[] Levels);

public sealed record MatchRun(
    IReadOnlyList<ScoredPair> Pairs,
    int CandidatePairs,
    MatchModel Model,
    TimeSpan Elapsed)
{
    public IEnumerable<ScoredPair> Matches => Pairs.Where(p => p.Decision != MatchDecision.None);
}

/// <summary>
/// The identity-resolution engine over records in memory: exact keys first, then blocking,
/// field comparison and Fellegi–Sunter scoring. The product (per block batch) and the FEBRL
/// evaluation (whole files) share it.
/// </summary>
public static class Matcher
{
    public static MatchRun Run(IReadOnlyList<PersonRecord> records, MatchOptions options)
    {
        var watch = Stopwatch.StartNew();
        var prepared = records.Select(r => r.Prepare()).ToArray();
        var exact = ExactPairs(prepared, options.Linkage);
        var candidates = Blocking.CandidatePairs(prepared, options.Linkage, options.MaxBlockSize);
        foreach (var pair in exact.Keys)
        {
            candidates.Add(pair);
        }

        var list = candidates.ToArray();
        var vectors = new byte[list.Length][];
        for (var i = 0; i < list.Length; i++)
        {
            vectors[i] = RecordComparer.Compare(prepared[list[i].A], prepared[list[i].B]);
        }

        var model = options.Model ?? MatchModel.Default;
        if (options.FitModel)
        {
            var random = RandomVectors(prepared, options.Linkage, options.RandomPairs, options.Seed);
            model = MatchModel.Fit(vectors, random, start: model);
        }

        var scored = new List<ScoredPair>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            var (a, b) = list[i];
            scored.Add(ScorePair(model, options.Thresholds, a, b, vectors[i], exact.GetValueOrDefault((a, b))));
        }

        if (options.OneToOne)
        {
            scored = KeepBestLinks(scored);
        }

        return new MatchRun(scored, list.Length, model, watch.Elapsed);
    }

    public static ScoredPair ScorePair(MatchModel model, MatchThresholds thresholds, int a, int b, byte[] levels, string? exactKey)
    {
        var score = model.Score(levels);
        if (exactKey is not null && !Contradicts(levels))
        {
            return new ScoredPair(a, b, score, 1, MatchDecision.AutoMerge, exactKey, levels);
        }

        var probability = model.Probability(score);
        var decision = probability >= thresholds.AutoMerge ? MatchDecision.AutoMerge
            : probability >= thresholds.Review || exactKey is not null ? MatchDecision.Review
            : MatchDecision.None;
        return new ScoredPair(a, b, score, probability, decision, exactKey, levels);
    }

    /// <summary>
    /// An exact key is trusted on its own unless both the given name and the birth date disagree: a phone
    /// or email shared by a mother and her daughter goes to review instead of being merged.
    /// </summary>
    public static bool Contradicts(ReadOnlySpan<byte> levels) =>
        levels[(int)MatchField.GivenName] == 0 && levels[(int)MatchField.BirthDate] == 0;

    /// <summary>Pairs sharing an exact identity key, with the kind of key that joined them.</summary>
    public static Dictionary<(int A, int B), string> ExactPairs(IReadOnlyList<PreparedRecord> records, bool linkage)
    {
        var byKey = new Dictionary<(string, string), List<int>>();
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var key in Blocking.ExactKeys(records[i]).Distinct())
            {
                if (!byKey.TryGetValue(key, out var members))
                {
                    byKey[key] = members = [];
                }

                members.Add(i);
            }
        }

        var result = new Dictionary<(int, int), string>();
        foreach (var ((kind, _), members) in byKey)
        {
            if (members.Count < 2)
            {
                continue;
            }

            var pairs = new HashSet<(int, int)>();
            Blocking.AddPairs(records, members, linkage, pairs);
            foreach (var pair in pairs)
            {
                result.TryAdd(pair, kind);
            }
        }

        return result;
    }

    /// <summary>Comparison vectors of random pairs: nearly all are different people, so they estimate u.</summary>
    public static List<byte[]> RandomVectors(IReadOnlyList<PreparedRecord> records, bool linkage, int count, int seed)
    {
        var random = new Random(seed);
        var result = new List<byte[]>(count);
        if (records.Count < 2)
        {
            return result;
        }

        var left = linkage ? records.Where(r => r.Source.Source == 0).ToArray() : [.. records];
        var right = linkage ? records.Where(r => r.Source.Source != 0).ToArray() : left;
        if (left.Length == 0 || right.Length == 0)
        {
            return result;
        }

        for (var i = 0; i < count; i++)
        {
            var a = left[random.Next(left.Length)];
            var b = right[random.Next(right.Length)];
            if (!ReferenceEquals(a, b))
            {
                result.Add(RecordComparer.Compare(a, b));
            }
        }

        return result;
    }

    private static List<ScoredPair> KeepBestLinks(List<ScoredPair> pairs)
    {
        var takenA = new HashSet<int>();
        var takenB = new HashSet<int>();
        var result = new List<ScoredPair>(pairs.Count);
        foreach (var pair in pairs.OrderByDescending(p => p.Probability).ThenByDescending(p => p.Score))
        {
            if (pair.Decision == MatchDecision.None)
            {
                result.Add(pair);
            }
            else if (!takenA.Contains(pair.A) && !takenB.Contains(pair.B))
            {
                takenA.Add(pair.A);
                takenB.Add(pair.B);
                result.Add(pair);
            }
            else
            {
                result.Add(pair with { Decision = MatchDecision.None });
            }
        }

        return result;
    }
}
