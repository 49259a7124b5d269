// Benchmarks and evaluations: each verb lives in its own file and prints its figures.
var verbs = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["bulk"] = Vinculo.Bench.BulkBench.RunAsync,
    ["import"] = Vinculo.Bench.ImportBench.RunAsync,
    ["febrl"] = Vinculo.Bench.FebrlEval.RunAsync,
    ["consent"] = ConsentBench.RunAsync,
    ["segments"] = Vinculo.Bench.SegmentsBench.RunAsync,
    ["retail-rfm"] = Vinculo.Bench.RetailRfmBench.RunAsync,
    ["contact-list"] = Vinculo.Bench.ContactListBench.RunAsync,
    ["audit-page"] = Vinculo.Bench.AuditPageBench.RunAsync,
};

if (args.Length == 0 || !verbs.TryGetValue(args[0], out var run))
{
    Console.WriteLine("usage: Vinculo.Bench <verb> [options]; verbs: " + string.Join(", ", verbs.Keys.Order()));
    return args.Length == 0 ? 0 : 1;
}

return await run(args[1..]);
