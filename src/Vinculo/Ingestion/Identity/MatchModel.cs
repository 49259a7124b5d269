using System.Text.Json.Serialization;

namespace Vinculo.Ingestion.Identity;

/// <summary>
/// Fellegi–Sunter model: for each field and agreement level, m = P(level | same person) and
/// u = P(level | different people). A pair's score is the sum of log2(m/u) over the fields both
/// records have (its match weight, in bits); with the prior it gives a match probability.
/// </summary>
public sealed class MatchModel
{
    [JsonConstructor]
    public MatchModel(double[][] m, double[][] u, double prior, double addressCap = DefaultAddressCap)
    {
        M = m;
        U = u;
        Prior = prior;
        AddressCap = addressCap;
        Weights = new double[m.Length][];
        for (var f = 0; f < m.Length; f++)
        {
            Weights[f] = new double[m[f].Length];
            for (var l = 0; l < m[f].Length; l++)
            {
                Weights[f][l] = Math.Log2(m[f][l] / u[f][l]);
            }
        }
    }

    public double[][] M { get; }
    public double[][] U { get; }
    /// <summary>P(same person) for a candidate pair before looking at its fields.</summary>
    public double Prior { get; }

    /// <summary>
    /// The most the address fields together may add, in bits. They are far from independent (a street
    /// implies its postcode, city and state), and relatives share them: summing them in full would let
    /// a sibling at the same address outscore a disagreeing name and birth date.
    /// </summary>
    public double AddressCap { get; }

    public const double DefaultAddressCap = 8;

    [JsonIgnore]
    public double[][] Weights { get; }

    /// <summary>
    /// Hand-set parameters for a contact base when there is too little to fit on: names and birth date
    /// nearly always agree for the same person and rarely by chance; a shared phone or email is strong.
    /// </summary>
    public static MatchModel Default { get; } = new(
        [
            [0.02, 0.04, 0.14, 0.80],      // given name
            [0.04, 0.04, 0.12, 0.80],      // surnames
            [0.01, 0.04, 0.10, 0.85],      // birth date
            [0.10, 0.90],                  // street number
            [0.05, 0.05, 0.10, 0.80],      // street
            [0.10, 0.10, 0.80],            // neighbourhood
            [0.10, 0.10, 0.80],            // city
            [0.05, 0.10, 0.85],            // postal code
            [0.05, 0.95],                  // state
            [0.25, 0.05, 0.70],            // phone
            [0.35, 0.05, 0.60],            // email
            [0.02, 0.03, 0.05, 0.90],      // national id
        ],
        [
            [0.93, 0.04, 0.02, 0.01],
            [0.95, 0.03, 0.015, 0.005],
            [0.95, 0.03, 0.0199, 0.0001],
            [0.95, 0.05],
            [0.97, 0.02, 0.008, 0.002],
            [0.95, 0.03, 0.02],
            [0.80, 0.05, 0.15],
            [0.97, 0.02, 0.01],
            [0.70, 0.30],
            [0.999, 0.0009, 0.0001],
            [0.9998, 0.0001, 0.0001],
            [0.9989, 0.0008, 0.0002, 0.0001],
        ],
        0.01);

    public double Score(ReadOnlySpan<byte> levels)
    {
        var score = 0.0;
        var address = 0.0;
        for (var f = 0; f < levels.Length; f++)
        {
            if (levels[f] == RecordComparer.Missing)
            {
                continue;
            }

            var weight = Weights[f][levels[f]];
            if (weight > 0 && IsAddress((MatchField)f))
            {
                address += weight;
            }
            else
            {
                score += weight;
            }
        }

        return score + Math.Min(address, AddressCap);
    }

    public static bool IsAddress(MatchField field) => field is MatchField.StreetNumber or MatchField.Street
        or MatchField.Neighborhood or MatchField.City or MatchField.PostalCode or MatchField.State;

    /// <summary>Posterior probability that the pair is the same person.</summary>
    public double Probability(double score)
    {
        var logOdds = Math.Log2(Prior / (1 - Prior)) + score;
        return 1 / (1 + Math.Pow(2, -logOdds));
    }

    /// <summary>The score at which <see cref="Probability"/> equals <paramref name="probability"/>.</summary>
    public double ScoreFor(double probability) =>
        Math.Log2(probability / (1 - probability)) - Math.Log2(Prior / (1 - Prior));

    /// <summary>
    /// Fits the model without labels: u from random record pairs (almost all of which are different
    /// people), then m and the prior by expectation–maximisation over the candidate pairs' vectors.
    /// </summary>
    public static MatchModel Fit(IReadOnlyList<byte[]> candidateVectors, IReadOnlyList<byte[]> randomVectors, int iterations = 60, MatchModel? start = null)
    {
        // Identical vectors are counted once with a weight: EM runs over distinct patterns.
        var patterns = new Dictionary<string, (byte[] Levels, int Count)>(StringComparer.Ordinal);
        foreach (var v in candidateVectors)
        {
            var key = Convert.ToBase64String(v);
            patterns[key] = patterns.TryGetValue(key, out var p) ? (p.Levels, p.Count + 1) : (v, 1);
        }

        return Fit([.. patterns.Values], randomVectors, iterations, start);
    }

    /// <summary>The same fit over distinct comparison patterns with their counts (what a streaming pass collects).</summary>
    public static MatchModel Fit(IReadOnlyList<(byte[] Levels, int Count)> patterns, IReadOnlyList<byte[]> randomVectors, int iterations = 60, MatchModel? start = null)
    {
        start ??= Default;
        var distinct = patterns.ToArray();
        var fields = RecordComparer.FieldCount;
        var u = EstimateU(randomVectors, start);
        var m = start.M.Select(r => (double[])r.Clone()).ToArray();
        var prior = Math.Clamp(start.Prior, 1e-4, 0.5);
        var total = distinct.Sum(p => (double)p.Count);
        var posterior = new double[distinct.Length];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var expectedMatches = 0.0;
            for (var i = 0; i < distinct.Length; i++)
            {
                var levels = distinct[i].Levels;
                var logM = Math.Log(prior);
                var logU = Math.Log(1 - prior);
                for (var f = 0; f < fields; f++)
                {
                    if (levels[f] != RecordComparer.Missing)
                    {
                        logM += Math.Log(m[f][levels[f]]);
                        logU += Math.Log(u[f][levels[f]]);
                    }
                }

                posterior[i] = 1 / (1 + Math.Exp(logU - logM));
                expectedMatches += posterior[i] * distinct[i].Count;
            }

            prior = Math.Clamp(expectedMatches / total, 1e-6, 0.999);
            for (var f = 0; f < fields; f++)
            {
                var counts = new double[m[f].Length];
                for (var i = 0; i < distinct.Length; i++)
                {
                    var level = distinct[i].Levels[f];
                    if (level != RecordComparer.Missing)
                    {
                        counts[level] += posterior[i] * distinct[i].Count;
                    }
                }

                var sum = counts.Sum();
                if (sum <= 0)
                {
                    continue;
                }

                // A small floor keeps a level never seen among matches from becoming an absolute veto.
                for (var l = 0; l < counts.Length; l++)
                {
                    m[f][l] = Math.Max((counts[l] + 1e-3) / (sum + (1e-3 * counts.Length)), 1e-5);
                }
            }
        }

        return new MatchModel(m, u, prior, start.AddressCap);
    }

    private static double[][] EstimateU(IReadOnlyList<byte[]> randomVectors, MatchModel start)
    {
        var u = new double[RecordComparer.FieldCount][];
        for (var f = 0; f < u.Length; f++)
        {
            var counts = new double[RecordComparer.LevelCounts[f]];
            foreach (var v in randomVectors)
            {
                if (v[f] != RecordComparer.Missing)
                {
                    counts[v[f]]++;
                }
            }

            var sum = counts.Sum();
            u[f] = new double[counts.Length];
            for (var l = 0; l < counts.Length; l++)
            {
                // Too few random pairs for this field: keep the default; else smooth so no level is zero.
                u[f][l] = sum < 100 ? start.U[f][l] : (counts[l] + 0.5) / (sum + (0.5 * counts.Length));
            }
        }

        return u;
    }
}
