using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vinculo.Audit;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Workspaces;

namespace Vinculo.Bench;

/// <summary>
/// Settings → Auditoría at scale: writes N audit entries (default 1,000,000) over 90 days (mostly API
/// contact reads, some consent and contact changes, 1% administrative actions, 25 actors, 100,000
/// contacts), then times AuditSearch's pages and filters and streams a day to CSV. The rows' hashes are
/// placeholders (a speed test, not a valid chain).
/// usage: audit-page [--rows N] [--provider sqlite|postgres|both] [--pg "connection string"]
/// </summary>
public static class AuditPageBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var rows = int.Parse(Option("--rows", "1000000"), CultureInfo.InvariantCulture);
        var provider = Option("--provider", "sqlite");
        var pg = Option("--pg", Environment.GetEnvironmentVariable("VINCULO_TEST_PG") ?? "");
        if (provider is "postgres" or "both" && pg.Length == 0)
        {
            Console.Error.WriteLine("PostgreSQL needs --pg \"Host=…;Port=…;Username=…\" (or VINCULO_TEST_PG).");
            return 1;
        }

        if (provider is "sqlite" or "both")
        {
            var folder = Path.Combine(Path.GetTempPath(), "vinculo-audit-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            try
            {
                await RunOnAsync("sqlite", new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}"), rows);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        if (provider is "postgres" or "both")
        {
            var name = "vinculo_audit_bench_" + Guid.NewGuid().ToString("N")[..8];
            await AdminAsync(pg, $"CREATE DATABASE {name}");
            try
            {
                await RunOnAsync("postgres", new VinculoDatabase(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString), rows);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await AdminAsync(pg, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
        }

        return 0;
    }

    private static async Task RunOnAsync(string label, VinculoDatabase database, int rows)
    {
        await database.MigrateAsync();
        var workspace = new Workspace { Name = "Bench", Slug = "bench", CreatedAt = DateTime.UtcNow };
        await using (var db = database.OpenAll())
        {
            db.Add(workspace);
            await db.SaveChangesAsync();
        }

        var end = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var start = end.AddDays(-90);
        var step = (end - start).Ticks / rows;
        var contacts = Enumerable.Range(0, 100_000).Select(i => new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1])).ToArray();
        var random = new Random(7);
        var placeholder = new string('0', 64);
        var watch = Stopwatch.StartNew();
        const int batch = 100_000;
        for (var first = 0; first < rows; first += batch)
        {
            await using var db = database.Open(workspace.Id);
            await using var bulk = await BulkSession.BeginAsync(db);
            var entries = new List<AuditEntry>();
            for (var i = first; i < Math.Min(rows, first + batch); i++)
            {
                var roll = random.Next(100);
                var contact = contacts[random.Next(contacts.Length)];
                var (actor, action, about) = roll switch
                {
                    < 80 => ($"api-key-{random.Next(5)}", "contact.read", (Guid?)contact),
                    < 90 => ($"user{random.Next(20)}@marca.mx", "consent.withdrawn", contact),
                    < 99 => ($"user{random.Next(20)}@marca.mx", "contact.update", contact),
                    _ => ("admin@marca.mx", random.Next(2) == 0 ? AuditActions.UserRoleChanged : AuditActions.SegmentUpdated, null),
                };
                entries.Add(new AuditEntry
                {
                    WorkspaceId = workspace.Id,
                    Sequence = i + 1,
                    OccurredAt = start.AddTicks(step * i - (step * i % 10)),
                    Actor = actor,
                    Action = action,
                    EntityType = about is null ? "Segment" : "Contact",
                    EntityId = about,
                    ContactId = about,
                    Details = "{\"method\":\"GET\"}",
                    DetailsHash = placeholder,
                    PreviousHash = placeholder,
                    Hash = placeholder,
                });
            }

            await bulk.InsertAsync(entries);
            await bulk.CommitAsync();
        }

        Console.WriteLine($"{label}: wrote {rows:N0} audit entries in {watch.Elapsed.TotalSeconds:N1} s");
        await using (var db = database.OpenAll())
        {
            await db.Database.ExecuteSqlRawAsync(database.Provider == StorageProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");
        }

        var search = new AuditSearch(new ScopedDbContextFactory(database, new WorkspaceScope { WorkspaceId = workspace.Id }));
        var day = end.AddDays(-30).Date;
        await Time(label, search, "first page, no filter", new AuditQuery());
        await Time(label, search, "page 200, no filter", new AuditQuery(), 200);
        await Time(label, search, "actor admin@marca.mx (1%)", new AuditQuery(Actor: "admin@marca.mx"));
        await Time(label, search, "group users (0.5%)", new AuditQuery(Group: AuditActionGroup.Users));
        await Time(label, search, "group contacts read (80%)", new AuditQuery(Group: AuditActionGroup.ContactsRead));
        await Time(label, search, "group contacts changed", new AuditQuery(Group: AuditActionGroup.ContactsChanged));
        await Time(label, search, "one contact", new AuditQuery(ContactId: contacts[42]));
        await Time(label, search, "one day 30 days ago", new AuditQuery(FromUtc: day, ToUtc: day.AddDays(1)));
        await Time(label, search, "one day 30 days ago, group settings", new AuditQuery(Group: AuditActionGroup.Settings, FromUtc: day, ToUtc: day.AddDays(1)));
        await Time(label, search, "actor and day", new AuditQuery(Actor: "user3@marca.mx", FromUtc: day, ToUtc: day.AddDays(1)));

        var csv = Stopwatch.StartNew();
        var count = 0;
        var bytes = new MemoryStream();
        await using (var writer = new StreamWriter(bytes, leaveOpen: true))
        {
            await foreach (var e in search.StreamAsync(new AuditQuery(FromUtc: day, ToUtc: day.AddDays(7))))
            {
                count++;
                await writer.WriteLineAsync($"{e.OccurredAt:O},{e.Actor},{e.Action},{e.ContactId},{e.Details}");
            }
        }

        Console.WriteLine($"{label}: stream a week ({count:N0} entries, {bytes.Length / 1024.0 / 1024.0:N1} MB of CSV-like text) in {csv.Elapsed.TotalMilliseconds:N0} ms");
    }

    private static async Task Time(string provider, AuditSearch search, string label, AuditQuery query, int page = 1)
    {
        var times = new List<double>();
        AuditPage? result = null;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            result = await search.SearchAsync(query, page, 50);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var first = times[0];
        times.Sort();
        Console.WriteLine($"{provider}: {label}: median {times[2]:N1} ms (cold {first:N1}, max {times[^1]:N1}); {result!.Items.Count} rows, count {result.Total:N0}{(result.MoreThanTotal ? "+" : "")}");
    }

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
