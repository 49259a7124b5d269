using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;

namespace Vinculo.Ingestion.Identity;

public sealed record DetectionReport(
    int ContactsKeyed,
    long CandidatePairs,
    int NewCandidates,
    int UpdatedCandidates,
    bool ModelFitted,
    int AutoMerged,
    TimeSpan Elapsed)
{
    /// <summary>Time spent per phase: keying, counting pairs (for progress), pairing and comparing, model fit, saving, auto-merge.</summary>
    public IReadOnlyDictionary<string, double> PhaseSeconds { get; init; } = new Dictionary<string, double>();
}

/// <summary>Where a detection run is: phase (keys, compare, fit, save, merge), 0..1 overall, and the figures so far.</summary>
public sealed record DetectionProgress(string Phase, double Progress, int ContactsKeyed, long CandidatePairs, int AutoMerged);

/// <summary>
/// Finds duplicate candidates in a workspace, set-based: contacts are keyed in batches into
/// contact_match_keys, the database joins equal keys into candidate pairs (blocks larger than the
/// cap are skipped), and the pairs are compared batch by batch with the shared matcher. Never N².
/// </summary>
public sealed class DuplicateDetectionService(
    IDbContextFactory<VinculoDbContext> factory,
    TimeProvider clock,
    IdentityOptions options,
    ContactMergeService merges)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Pairs the default model finds this unlikely are not kept for rescoring after an EM fit.
    private const double KeepProbability = 0.01;

    // Share of the whole run each phase ends at, for progress.
    private const double KeysEnd = 0.2, CompareEnd = 0.75, FitEnd = 0.8, SaveEnd = 0.85;

    public Task<DetectionReport> DetectAsync(bool autoMerge = false, CancellationToken ct = default) => DetectAsync(autoMerge, null, ct);

    /// <summary>A full run; <paramref name="progress"/> hears about every batch (the durable job keeps its heartbeat with it).</summary>
    public async Task<DetectionReport> DetectAsync(bool autoMerge, Func<DetectionProgress, CancellationToken, Task>? progress, CancellationToken ct = default)
    {
        progress ??= (_, _) => Task.CompletedTask;
        var watch = Stopwatch.StartNew();
        var phases = new Dictionary<string, double>();
        var phase = Stopwatch.StartNew();
        void EndPhase(string name)
        {
            phases[name] = Math.Round(phase.Elapsed.TotalSeconds, 3);
            phase.Restart();
        }

        var contactIds = await RebuildKeysAsync(progress, ct);
        EndPhase("keys");
        var totalPairs = await CountPairsAsync(ct);
        EndPhase("count");
        await progress(new DetectionProgress("compare", KeysEnd, contactIds.Count, 0, 0), ct);

        // One pass over the candidate pairs: keep the plausible ones, count comparison patterns for EM.
        var patterns = new Dictionary<string, (byte[] Levels, int Count)>(StringComparer.Ordinal);
        var kept = new List<(Guid A, Guid B, byte[] Levels, float[] Similarities, string? ExactKey)>();
        long pairCount = 0;
        await using (var pairsDb = factory.CreateDbContext())
        await using (var recordsDb = factory.CreateDbContext())
        {
            await using var command = PairsCommand(pairsDb);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var batch = new List<(Guid, Guid)>(options.BatchSize);
            while (true)
            {
                var more = await reader.ReadAsync(ct);
                if (more)
                {
                    batch.Add((reader.GetGuid(0), reader.GetGuid(1)));
                }

                if (batch.Count >= options.BatchSize || (!more && batch.Count > 0))
                {
                    pairCount += batch.Count;
                    await CompareBatchAsync(recordsDb, batch, patterns, kept, ct);
                    batch.Clear();
                    var share = totalPairs == 0 ? 1 : Math.Min(1, (double)pairCount / totalPairs);
                    await progress(new DetectionProgress("compare", KeysEnd + ((CompareEnd - KeysEnd) * share), contactIds.Count, pairCount, 0), ct);
                }

                if (!more)
                {
                    break;
                }
            }
        }

        EndPhase("compare");
        await progress(new DetectionProgress("fit", CompareEnd, contactIds.Count, pairCount, 0), ct);
        var model = options.Model;
        var fitted = false;
        if (options.FitModelFromPairs > 0 && pairCount >= options.FitModelFromPairs)
        {
            var random = await RandomVectorsAsync(contactIds, ct);
            model = MatchModel.Fit([.. patterns.Values], random, start: options.Model);
            fitted = true;
        }

        EndPhase("fit");
        await progress(new DetectionProgress("save", FitEnd, contactIds.Count, pairCount, 0), ct);
        var (created, updated) = await SaveCandidatesAsync(kept, model, ct);
        EndPhase("save");
        await progress(new DetectionProgress("merge", SaveEnd, contactIds.Count, pairCount, 0), ct);
        var merged = autoMerge
            ? await AutoMergeAsync((done, due) => progress(new DetectionProgress("merge", SaveEnd + ((1 - SaveEnd) * done / Math.Max(1, due)), contactIds.Count, pairCount, done), ct), ct)
            : 0;
        EndPhase("merge");
        return new DetectionReport(contactIds.Count, pairCount, created, updated, fitted, merged, watch.Elapsed) { PhaseSeconds = phases };
    }

    /// <summary>Merges every open candidate at or above the auto-merge threshold, strongest first.</summary>
    public Task<int> AutoMergeAsync(CancellationToken ct = default) => AutoMergeAsync(null, ct);

    /// <summary>As <see cref="AutoMergeAsync(CancellationToken)"/>; <paramref name="merged"/> hears (merged so far, due) after each merge.</summary>
    public async Task<int> AutoMergeAsync(Func<int, int, Task>? merged, CancellationToken ct = default)
    {
        List<DuplicateCandidate> due;
        await using (var db = factory.CreateDbContext())
        {
            var threshold = options.Thresholds.AutoMerge;
            due = await db.Set<DuplicateCandidate>().AsNoTracking()
                .Where(c => c.Status == CandidateStatus.Open && c.Probability >= threshold)
                .ToListAsync(ct);
        }

        var mergedCount = 0;
        foreach (var candidate in due.OrderByDescending(c => c.Probability).ThenByDescending(c => c.Score))
        {
            await using var db = factory.CreateDbContext();

            // A contact merged earlier in this run is represented by its survivor now.
            var a = await FinalContactAsync(db, candidate.ContactAId, ct);
            var b = await FinalContactAsync(db, candidate.ContactBId, ct);
            if (a is null || b is null || a == b)
            {
                continue;
            }

            var (survivor, loser) = await ContactMergeService.DefaultSurvivorAsync(db, a.Value, b.Value, ct);
            var redirected = a != candidate.ContactAId || b != candidate.ContactBId;
            await merges.MergeAsync(new MergeRequest(survivor, loser) { Automatic = true, CandidateId = redirected ? null : candidate.Id }, ct);
            if (redirected)
            {
                await db.Set<DuplicateCandidate>().Where(c => c.Id == candidate.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CandidateStatus.Merged).SetProperty(c => c.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);
            }

            mergedCount++;
            if (merged is not null)
            {
                await merged(mergedCount, due.Count);
            }
        }

        return mergedCount;
    }

    private static async Task<Guid?> FinalContactAsync(VinculoDbContext db, Guid id, CancellationToken ct)
    {
        for (var hops = 0; hops < 20; hops++)
        {
            var contact = await db.Set<Contact>().AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Status, c.MergedIntoId }).SingleOrDefaultAsync(ct);
            if (contact is null)
            {
                return null;
            }

            if (contact.Status == ContactStatus.Active)
            {
                return id;
            }

            if (contact.Status != ContactStatus.Merged || contact.MergedIntoId is null)
            {
                return null;
            }

            id = contact.MergedIntoId.Value;
        }

        return null;
    }

    /// <summary>Replaces the workspace's match keys with fresh ones, a batch of contacts at a time.</summary>
    private async Task<List<Guid>> RebuildKeysAsync(Func<DetectionProgress, CancellationToken, Task> progress, CancellationToken ct)
    {
        List<Guid> ids;
        await using (var db = factory.CreateDbContext())
        {
            await db.Set<ContactMatchKey>().ExecuteDeleteAsync(ct);
            ids = await db.Set<Contact>().AsNoTracking().Where(c => c.Status == ContactStatus.Active).Select(c => c.Id).ToListAsync(ct);
        }

        var keyed = 0;
        foreach (var chunk in ids.Chunk(options.BatchSize))
        {
            await progress(new DetectionProgress("keys", KeysEnd * keyed / Math.Max(1, ids.Count), keyed, 0, 0), ct);
            keyed += chunk.Length;
            await using var db = factory.CreateDbContext();
            var records = await ContactRecords.LoadAsync(db, chunk, ct);
            var keys = new List<ContactMatchKey>();
            foreach (var record in records)
            {
                var prepared = record.Prepare();
                var contactId = Guid.Parse(record.Id);
                var recordKeys = Blocking.Keys(prepared).Concat(Blocking.ExactKeys(prepared).Select(k => $"{k.Kind}|{k.Key}"));
                keys.AddRange(recordKeys.Where(k => k.Length <= 400).Distinct().Select(k => new ContactMatchKey { ContactId = contactId, Key = k }));
            }

            await using var bulk = await BulkSession.BeginAsync(db, ct);
            await bulk.InsertAsync(keys, ct: ct);
            await bulk.CommitAsync(ct);
        }

        return ids;
    }

    private const string PairsSql = """
        SELECT a.contact_id, b.contact_id
        FROM contact_match_keys a
        JOIN contact_match_keys b ON b.workspace_id = a.workspace_id AND b.key = a.key AND a.contact_id < b.contact_id
        WHERE a.workspace_id = @workspace
          AND a.key IN (SELECT k.key FROM contact_match_keys k WHERE k.workspace_id = @workspace GROUP BY k.key HAVING COUNT(*) <= @max)
        GROUP BY a.contact_id, b.contact_id
        """;

    /// <summary>How many pairs the compare phase will see, so its progress is a true share.</summary>
    private async Task<long> CountPairsAsync(CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        await using var command = PairsCommand(db, $"SELECT COUNT(*) FROM ({PairsSql}) p");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Distinct pairs of contacts sharing a key whose block is not too common.</summary>
    private DbCommand PairsCommand(VinculoDbContext db, string? sql = null)
    {
        db.Database.OpenConnection();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql ?? PairsSql + "\nORDER BY a.contact_id";
        ContactMergeService.AddParameter(db, command, "@workspace", db.WorkspaceId!.Value);
        var max = command.CreateParameter();
        max.ParameterName = "@max";
        max.Value = options.MaxBlockSize;
        command.Parameters.Add(max);
        return command;
    }

    private async Task CompareBatchAsync(
        VinculoDbContext db,
        List<(Guid A, Guid B)> pairs,
        Dictionary<string, (byte[] Levels, int Count)> patterns,
        List<(Guid A, Guid B, byte[] Levels, float[] Similarities, string? ExactKey)> kept,
        CancellationToken ct)
    {
        var ids = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().ToList();
        var records = (await ContactRecords.LoadAsync(db, ids, ct)).ToDictionary(r => Guid.Parse(r.Id), r => r.Prepare());
        foreach (var (x, y) in pairs)
        {
            if (!records.TryGetValue(x, out var rx) || !records.TryGetValue(y, out var ry))
            {
                continue;
            }

            var levels = new byte[RecordComparer.FieldCount];
            var similarities = new float[RecordComparer.FieldCount];
            RecordComparer.Compare(rx, ry, levels, similarities);
            var key = Convert.ToBase64String(levels);
            patterns[key] = patterns.TryGetValue(key, out var p) ? (p.Levels, p.Count + 1) : (levels, 1);

            var exactKey = ExactKeyShared(rx, ry);
            if (exactKey is not null || options.Model.Probability(options.Model.Score(levels)) >= KeepProbability)
            {
                var (a, b) = DuplicateCandidate.Ordered(x, y);
                kept.Add((a, b, levels, similarities, exactKey));
            }
        }
    }

    private static string? ExactKeyShared(PreparedRecord x, PreparedRecord y)
    {
        var mine = Blocking.ExactKeys(x).ToHashSet();
        return Blocking.ExactKeys(y).FirstOrDefault(mine.Contains).Kind;
    }

    /// <summary>Comparison vectors of random contact pairs, to estimate u; a few thousand contacts are enough.</summary>
    private async Task<List<byte[]>> RandomVectorsAsync(List<Guid> contactIds, CancellationToken ct)
    {
        var random = new Random(20260101);
        var sample = contactIds.Count <= 3000 ? contactIds : [.. Enumerable.Range(0, 3000).Select(_ => contactIds[random.Next(contactIds.Count)]).Distinct()];
        await using var db = factory.CreateDbContext();
        var records = new List<PreparedRecord>();
        foreach (var chunk in sample.Chunk(options.BatchSize))
        {
            records.AddRange((await ContactRecords.LoadAsync(db, chunk, ct)).Select(r => r.Prepare()));
        }

        return Matcher.RandomVectors(records, linkage: false, count: 100_000, seed: 7);
    }

    private async Task<(int Created, int Updated)> SaveCandidatesAsync(
        List<(Guid A, Guid B, byte[] Levels, float[] Similarities, string? ExactKey)> kept,
        MatchModel model,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = factory.CreateDbContext();
        var existing = await db.Set<DuplicateCandidate>().ToDictionaryAsync(c => (c.ContactAId, c.ContactBId), ct);
        var fresh = new Dictionary<(Guid, Guid), DuplicateCandidate>();
        var updated = 0;
        foreach (var (a, b, levels, similarities, exactKey) in kept)
        {
            var scored = Matcher.ScorePair(model, options.Thresholds, 0, 0, levels, exactKey);
            if (scored.Decision == MatchDecision.None)
            {
                continue;
            }

            var evidence = Evidence(model, levels, similarities, exactKey);
            if (existing.TryGetValue((a, b), out var candidate))
            {
                if (candidate.Status != CandidateStatus.Open)
                {
                    continue;
                }

                candidate.Score = scored.Score;
                candidate.Probability = scored.Probability;
                candidate.ExactKey = exactKey;
                candidate.Evidence = evidence;
                candidate.UpdatedAt = now;
                updated++;
            }
            else
            {
                fresh[(a, b)] = new DuplicateCandidate
                {
                    ContactAId = a,
                    ContactBId = b,
                    Score = scored.Score,
                    Probability = scored.Probability,
                    ExactKey = exactKey,
                    Evidence = evidence,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
            }
        }

        // Re-scored open candidates are few and tracked; new ones go through the bulk path.
        await db.SaveChangesAsync(ct);
        await using (var bulkDb = factory.CreateDbContext())
        await using (var bulk = await BulkSession.BeginAsync(bulkDb, ct))
        {
            await bulk.InsertAsync(fresh.Values, ct: ct);
            await bulk.CommitAsync(ct);
        }

        return (fresh.Count, updated);
    }

    /// <summary>Per-field evidence for a reviewer: agreement level, similarity and the weight it added.</summary>
    internal static string Evidence(MatchModel model, byte[] levels, float[] similarities, string? exactKey)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var f = 0; f < levels.Length; f++)
        {
            if (levels[f] == RecordComparer.Missing)
            {
                continue;
            }

            var name = JsonNamingPolicy.CamelCase.ConvertName(((MatchField)f).ToString());
            fields[name] = new
            {
                level = levels[f],
                maxLevel = RecordComparer.LevelCounts[f] - 1,
                similarity = float.IsNaN(similarities[f]) ? (double?)null : Math.Round(similarities[f], 3),
                weight = Math.Round(model.Weights[f][levels[f]], 2),
            };
        }

        return JsonSerializer.Serialize(new { exactKey, fields }, Json);
    }

    internal static string Describe(DetectionReport r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.ContactsKeyed} contacts, {r.CandidatePairs} pairs compared, {r.NewCandidates} new candidates, {r.AutoMerged} merged");
}
