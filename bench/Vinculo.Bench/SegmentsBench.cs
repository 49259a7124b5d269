using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Orders;
using Vinculo.Segments;
using Vinculo.Segments.Compilation;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Timeline;

namespace Vinculo.Bench;

/// <summary>
/// segments [--contacts 1000000] [--events 10000000] [--orders N] [--provider sqlite|postgres] [--pg CONN] [--db PATH] [--runs 5] [--reuse] [--plan]:
/// generates a population through BulkSession (or, with --reuse, takes the one the last run generated), then times the compiled query of a 3-condition segment
/// (age 25–45 AND opened ≥ 2 emails in 30 days AND NOT bought in 90 days) beside a hand-written query
/// for the same segment, checks both count the same contacts, and prints the ratio.
/// </summary>
internal static class SegmentsBench
{
    private static readonly string[] EventTypes = ["email.opened", "email.opened", "email.opened", "email.opened", "email.sent", "email.sent", "email.sent", "email.clicked", "web.page_viewed", "web.page_viewed"];

    public static async Task<int> RunAsync(string[] args)
    {
        var contactCount = (int)SegmentBenchSupport.Number(args, "--contacts", 1_000_000);
        var eventCount = SegmentBenchSupport.Number(args, "--events", 10_000_000);
        var orderCount = SegmentBenchSupport.Number(args, "--orders", contactCount);
        var runs = (int)SegmentBenchSupport.Number(args, "--runs", 5);
        var reuse = args.Contains("--reuse");
        var (database, workspace) = reuse
            ? await SegmentBenchSupport.OpenExistingAsync(args, "vinculo_bench_segments")
            : await SegmentBenchSupport.CreateAsync(args, "vinculo_bench_segments");
        var now = DateTime.UtcNow;
        if (reuse)
        {
            // The windows are relative to when the data was generated (every contact was created then).
            await using var db = database.Open(workspace.Id);
            now = await db.Set<Contact>().MaxAsync(c => c.CreatedAt);
        }
        else
        {
            var ids = new Guid[contactCount];
            await SegmentBenchSupport.TimedAsync($"generate {contactCount:N0} contacts, {eventCount:N0} events, {orderCount:N0} orders", async () =>
            {
                await using var db = database.Open(workspace.Id);
                await using var bulk = await BulkSession.BeginAsync(db);
                await bulk.InsertAsync(Contacts(ids, now));
                await bulk.InsertAsync(Events(ids, eventCount, now));
                await bulk.InsertAsync(Orders(ids, orderCount, now));
                await bulk.CommitAsync();
                return 0;
            });
            await SegmentBenchSupport.TimedAsync("ANALYZE", async () =>
            {
                await SegmentBenchSupport.AnalyzeAsync(database);
                return 0;
            });
        }

        var time = new FixedTime(new DateTimeOffset(now));
        var factory = new ScopedDbContextFactory(database, new WorkspaceScope { WorkspaceId = workspace.Id });
        var definition = new SegmentDefinition
        {
            Root = new AllOf([
                new AgeCondition(25, 45),
                new EventCondition("email.opened", CompareOperator.Gte, 2, 30),
                new Not(new PurchaseCondition(WithinDays: 90)),
            ]),
        };
        var compileWatch = Stopwatch.StartNew();
        var compiled = await new SegmentService(factory, time).CompileAsync(definition);
        compileWatch.Stop();
        Console.WriteLine($"compile (load workspace context + build SQL): {compileWatch.Elapsed.TotalMilliseconds:F1} ms");
        Console.WriteLine("compiled SQL: " + compiled.Count);

        var today = AgePolicy.Today(time, TimeZoneInfo.FindSystemTimeZoneById(workspace.TimeZone));
        List<KeyValuePair<string, object?>> handParameters =
        [
            new("@ws", workspace.Id),
            new("@since30", now.AddDays(-30)),
            new("@since90", now.AddDays(-90)),
            new("@bornBy", today.AddYears(-25)),
            new("@bornAfter", today.AddYears(-46)),
        ];
        // What an expert writes per engine: on SQLite "+contact_id" keeps the planner on the
        // (type, occurred_at) index instead of reading every event in contact order to skip a sort.
        var groupKey = database.Provider == StorageProvider.Sqlite ? "+contact_id" : "contact_id";
        var handWritten = $"""
            WITH openers AS (
              SELECT contact_id FROM interactions
              WHERE workspace_id = @ws AND type = 'email.opened' AND occurred_at >= @since30
              GROUP BY {groupKey} HAVING COUNT(*) >= 2)
            SELECT COUNT(*) FROM contacts c JOIN openers o ON o.contact_id = c.id
            WHERE c.workspace_id = @ws AND c.status = 0 AND c.birth_date <= @bornBy AND c.birth_date > @bornAfter
              AND NOT EXISTS (SELECT 1 FROM orders r WHERE r.workspace_id = @ws AND r.contact_id = c.id AND NOT r.is_cancelled AND r.ordered_at >= @since90)
            """;

        await using var db2 = database.Open(workspace.Id);
        await db2.Database.OpenConnectionAsync();
        var connection = db2.Database.GetDbConnection();
        var dialect = SqlDialect.For(database.Provider);
        if (args.Contains("--plan"))
        {
            await PrintPlanAsync(connection, dialect, database.Provider, "compiled", compiled.Count, compiled.Parameters);
            await PrintPlanAsync(connection, dialect, database.Provider, "hand-written", handWritten, handParameters);
        }

        var compiledTimes = new List<double>();
        var handTimes = new List<double>();
        long compiledCount = 0, handCount = 0;
        // One warm-up each, then alternate so caches favour neither.
        for (var run = 0; run <= runs; run++)
        {
            var (c, ct) = await CountAsync(connection, dialect, compiled.Count, compiled.Parameters);
            var (h, ht) = await CountAsync(connection, dialect, handWritten, handParameters);
            compiledCount = c;
            handCount = h;
            if (run > 0)
            {
                compiledTimes.Add(ct);
                handTimes.Add(ht);
            }
        }

        var compiledMedian = Median(compiledTimes);
        var handMedian = Median(handTimes);
        Console.WriteLine($"members: compiled {compiledCount:N0}, hand-written {handCount:N0}{(compiledCount == handCount ? "" : "  <-- MISMATCH")}");
        Console.WriteLine($"{database.Provider}: compiled query {compiledMedian:F3} s, hand-written {handMedian:F3} s, ratio {compiledMedian / handMedian:F2}x (median of {runs} runs; target <= 1.3x{(database.Provider == StorageProvider.Postgres ? ", < 2 s" : "")})");
        return compiledCount == handCount ? 0 : 2;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    /// <summary>"--plan": the planner's choice for a query (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL), to see why one is slower.</summary>
    private static async Task PrintPlanAsync(DbConnection connection, SqlDialect dialect, StorageProvider provider, string name, string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = (provider == StorageProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql;
        dialect.Bind(command, parameters);
        Console.WriteLine($"plan ({name}):");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("  " + reader.GetValue(reader.FieldCount - 1));
        }
    }

    private static async Task<(long Count, double Seconds)> CountAsync(DbConnection connection, SqlDialect dialect, string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        dialect.Bind(command, parameters);
        var watch = Stopwatch.StartNew();
        var count = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return (count, watch.Elapsed.TotalSeconds);
    }

    private static IEnumerable<Contact> Contacts(Guid[] ids, DateTime now)
    {
        var random = new Random(42);
        var earliest = new DateOnly(1945, 1, 1);
        for (var i = 0; i < ids.Length; i++)
        {
            var c = new Contact
            {
                DisplayName = "Contacto " + i,
                SearchName = "contacto " + i,
                BirthDate = random.Next(10) == 0 ? null : earliest.AddDays(random.Next(365 * 65)),
                CreatedAt = now,
                UpdatedAt = now,
            };
            ids[i] = c.Id;
            yield return c;
        }
    }

    private static IEnumerable<Interaction> Events(Guid[] ids, long count, DateTime now)
    {
        var random = new Random(7);
        const long window = 180L * 24 * 3600;
        for (long i = 0; i < count; i++)
        {
            var type = EventTypes[random.Next(EventTypes.Length)];
            yield return new Interaction
            {
                ContactId = ids[random.Next(ids.Length)],
                Type = type,
                Channel = type.StartsWith("email", StringComparison.Ordinal) ? "email" : "web",
                OccurredAt = now.AddSeconds(-random.NextInt64(window)),
                RecordedAt = now,
            };
        }
    }

    private static IEnumerable<Order> Orders(Guid[] ids, long count, DateTime now)
    {
        var random = new Random(11);
        const long window = 365L * 24 * 3600;
        for (long i = 0; i < count; i++)
        {
            yield return new Order
            {
                ContactId = ids[random.Next(ids.Length)],
                OrderedAt = now.AddSeconds(-random.NextInt64(window)),
                Total = random.Next(100, 5000),
                Channel = SalesChannel.Store,
                IsCancelled = random.Next(50) == 0,
            };
        }
    }
}
