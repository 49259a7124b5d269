namespace Vinculo.Ingestion.Identity;

/// <summary>Quality of a matching run against known true pairs (evaluation data only).</summary>
public sealed record LinkageMetrics(
    long CandidatePairs,
    long TruePairs,
    long TruePairsInCandidates,
    long PredictedPairs,
    long TruePositives)
{
    /// <summary>Share of the true pairs that blocking kept as candidates.</summary>
    public double PairCompleteness => TruePairs == 0 ? 1 : (double)TruePairsInCandidates / TruePairs;
    public double Precision => PredictedPairs == 0 ? 1 : (double)TruePositives / PredictedPairs;
    public double Recall => TruePairs == 0 ? 1 : (double)TruePositives / TruePairs;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>
    /// Pairs are unordered record-id pairs. <paramref name="entityOf"/> gives each record's true entity;
    /// every two records of one entity (across the two sides for a linkage) is a true pair.
    /// </summary>
    public static LinkageMetrics Evaluate(
        IReadOnlyList<PersonRecord> records,
        Func<PersonRecord, string> entityOf,
        IEnumerable<(int A, int B)> candidates,
        IEnumerable<(int A, int B)> predicted,
        bool linkage)
    {
        var entities = records.Select(entityOf).ToArray();
        bool IsTrue((int A, int B) p) => entities[p.A] == entities[p.B] && (!linkage || records[p.A].Source != records[p.B].Source);

        long truePairs = 0;
        foreach (var group in Enumerable.Range(0, records.Count).GroupBy(i => entities[i]))
        {
            if (linkage)
            {
                long left = group.Count(i => records[i].Source == 0);
                truePairs += left * (group.Count() - left);
            }
            else
            {
                long n = group.Count();
                truePairs += n * (n - 1) / 2;
            }
        }

        long candidateCount = 0, trueInCandidates = 0;
        foreach (var pair in candidates)
        {
            candidateCount++;
            if (IsTrue(pair))
            {
                trueInCandidates++;
            }
        }

        long predictedCount = 0, truePositives = 0;
        foreach (var pair in predicted)
        {
            predictedCount++;
            if (IsTrue(pair))
            {
                truePositives++;
            }
        }

        return new LinkageMetrics(candidateCount, truePairs, trueInCandidates, predictedCount, truePositives);
    }
}
