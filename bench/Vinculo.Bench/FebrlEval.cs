using System.Diagnostics;
using System.Globalization;
using Vinculo.Ingestion.Identity;

namespace Vinculo.Bench;

/// <summary>
/// `febrl --data DIR [--storage [--pg CONNECTION]]`: identity resolution on the FEBRL synthetic data — dataset4a × dataset4b as a
/// linkage and dataset3 as a deduplication. The model is fitted without labels (u from random pairs,
/// m by EM); rec ids are read only to score the result.
/// </summary>
public static class FebrlEval
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dir = ArgValue(args, "--data") ?? "/work/shared/data/febrl";
        var dataset4a = Path.Combine(dir, "dataset4a.csv");
        if (!File.Exists(dataset4a))
        {
            Console.Error.WriteLine($"FEBRL files not found in {dir}");
            return 1;
        }

        Console.WriteLine("FEBRL identity resolution (unsupervised: u from random pairs, m and prior by EM; rec ids used only for scoring)");
        var left = await ReadAsync(dataset4a, 0);
        var right = await ReadAsync(Path.Combine(dir, "dataset4b.csv"), 1);
        Report("FEBRL4 linkage 4a x 4b", [.. left, .. right], linkage: true, oneToOne: false);
        Report("FEBRL4 linkage 4a x 4b, one-to-one", [.. left, .. right], linkage: true, oneToOne: true);
        var dataset3 = await ReadAsync(Path.Combine(dir, "dataset3.csv"), 0);
        Report("FEBRL3 deduplication", dataset3, linkage: false, oneToOne: false);
        if (args.Contains("--storage"))
        {
            await FebrlStorageEval.RunAsync(Path.Combine(dir, "dataset3.csv"), ArgValue(args, "--pg"));
        }

        return 0;
    }

    private static void Report(string title, List<PersonRecord> records, bool linkage, bool oneToOne)
    {
        var watch = Stopwatch.StartNew();
        var run = Matcher.Run(records, new MatchOptions { Linkage = linkage, OneToOne = oneToOne });
        watch.Stop();
        var candidates = run.Pairs.Select(p => (p.A, p.B));
        var predicted = run.Matches.Select(p => (p.A, p.B));
        var metrics = LinkageMetrics.Evaluate(records, EntityOf, candidates, predicted, linkage);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: records {records.Count}, candidate pairs {metrics.CandidatePairs:N0}, true pairs {metrics.TruePairs:N0}, " +
            $"pair completeness {metrics.PairCompleteness:F4}, predicted {metrics.PredictedPairs:N0}, " +
            $"precision {metrics.Precision:F4}, recall {metrics.Recall:F4}, F1 {metrics.F1:F4}, time {watch.Elapsed.TotalSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  fitted prior {run.Model.Prior:F4}"));

        // Each blocking key alone: how many pairs it makes and what share of the true pairs it keeps.
        var prepared = records.Select(r => r.Prepare()).ToArray();
        foreach (var kind in Blocking.KeyKinds)
        {
            var pairs = Blocking.CandidatePairs(prepared, linkage, keyFilter: k => k.StartsWith(kind + "|", StringComparison.Ordinal));
            var alone = LinkageMetrics.Evaluate(records, EntityOf, pairs, [], linkage);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  blocking key {kind,-2}: candidate pairs {alone.CandidatePairs,8:N0}, pair completeness {alone.PairCompleteness:F4}"));
        }

        var unfitted = Matcher.Run(records, new MatchOptions { Linkage = linkage, OneToOne = oneToOne, FitModel = false });
        var fixedModel = LinkageMetrics.Evaluate(records, EntityOf, unfitted.Pairs.Select(p => (p.A, p.B)), unfitted.Matches.Select(p => (p.A, p.B)), linkage);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  hand-set default model (no fit): precision {fixedModel.Precision:F4}, recall {fixedModel.Recall:F4}, F1 {fixedModel.F1:F4}"));
    }

    /// <summary>rec-N-org and rec-N-dup-k are the same person N.</summary>
    internal static string EntityOf(PersonRecord r)
    {
        var parts = r.Id.Split('-');
        return parts.Length >= 2 ? parts[1] : r.Id;
    }

    /// <summary>FEBRL CSV: comma + space separated, no quoting; every value read as text.</summary>
    public static async Task<List<PersonRecord>> ReadAsync(string path, int source)
    {
        var records = new List<PersonRecord>();
        using var reader = new StreamReader(path);
        var header = (await reader.ReadLineAsync())?.Split(',').Select(h => h.Trim()).ToArray() ?? [];
        int Col(string name) => Array.IndexOf(header, name);
        int id = Col("rec_id"), given = Col("given_name"), surname = Col("surname"), number = Col("street_number"),
            address1 = Col("address_1"), address2 = Col("address_2"), suburb = Col("suburb"), postcode = Col("postcode"),
            state = Col("state"), dob = Col("date_of_birth"), ssn = Col("soc_sec_id");
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var v = line.Split(',').Select(x => x.Trim()).ToArray();
            string? At(int i) => i >= 0 && i < v.Length && v[i].Length > 0 ? v[i] : null;
            records.Add(new PersonRecord
            {
                Id = At(id)!,
                Source = source,
                GivenNames = At(given),
                PaternalSurname = At(surname),
                StreetNumber = At(number),
                Street = At(address1),
                Neighborhood = At(address2),
                City = At(suburb),
                PostalCode = At(postcode),
                State = At(state),
                BirthDate = At(dob),
                NationalId = At(ssn),
            });
        }

        return records;
    }

    private static string? ArgValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
