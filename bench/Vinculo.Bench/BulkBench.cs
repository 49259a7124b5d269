using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.Bench;

/// <summary>
/// `bulk`: N contacts with an email and a phone each, then M timeline events, written through
/// BulkSession on a fresh SQLite file and/or a fresh PostgreSQL database; prints rows/s per table.
/// </summary>
internal static class BulkBench
{
    private static readonly string[] GivenNames = ["María", "José", "Guadalupe", "Juan", "Ana", "Luis", "Sofía", "Carlos", "Fernanda", "Miguel", "Valeria", "Jorge"];
    private static readonly string[] Surnames = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez"];
    private static readonly string[] EventTypes = ["email.delivered", "email.opened", "email.clicked", "web.visit", "pos.purchase", "sms.delivered"];
    private static readonly string[] EventChannels = ["email", "email", "email", "web", "pos", "sms"];

    public static async Task<int> RunAsync(string[] args)
    {
        var contacts = 1_000_000;
        var events = 10_000_000;
        var batch = 1_000_000;
        var provider = "both";
        string? pg = Environment.GetEnvironmentVariable("VINCULO_TEST_PG");
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--contacts": contacts = ParseCount(args[++i]); break;
                case "--events": events = ParseCount(args[++i]); break;
                case "--batch": batch = ParseCount(args[++i]); break;
                case "--provider": provider = args[++i].ToLowerInvariant(); break;
                case "--pg": pg = args[++i]; break;
                case "--keep": keep = true; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; usage: bulk [--contacts N] [--events M] [--batch rows-per-session] [--provider sqlite|postgres|both] [--pg \"<connection string>\"] [--keep]");
                    return 1;
            }
        }

        if (provider is not ("sqlite" or "postgres" or "both"))
        {
            Console.Error.WriteLine("--provider is sqlite, postgres or both");
            return 1;
        }

        if (provider is ("postgres" or "both") && pg is null)
        {
            Console.Error.WriteLine("PostgreSQL needs --pg \"Host=…;Port=…;Username=…\" (or VINCULO_TEST_PG): a role that may create databases.");
            return 1;
        }

        Console.WriteLine($"bulk: {contacts:N0} contacts (+1 email, +1 phone each), {events:N0} events, {batch:N0} rows per session; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        if (provider is "sqlite" or "both")
        {
            var folder = Path.Combine(Path.GetTempPath(), "vinculo-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "vinculo.db");
            try
            {
                await RunOnAsync(new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={file};Pooling=False"), contacts, events, batch);
                var bytes = new DirectoryInfo(folder).GetFiles().Sum(f => f.Length);
                Console.WriteLine($"  SQLite files: {bytes / 1024.0 / 1024.0:N0} MiB in {folder}");
            }
            finally
            {
                if (!keep)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        if (provider is "postgres" or "both")
        {
            var name = "vinculo_bench_" + Guid.NewGuid().ToString("N")[..8];
            await AdminAsync(pg!, $"CREATE DATABASE {name}");
            try
            {
                var cs = new NpgsqlConnectionStringBuilder(pg!) { Database = name }.ConnectionString;
                await RunOnAsync(new VinculoDatabase(StorageProvider.Postgres, cs), contacts, events, batch);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                if (!keep)
                {
                    await AdminAsync(pg!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                }
            }
        }

        return 0;
    }

    private static async Task RunOnAsync(VinculoDatabase database, int contactCount, int eventCount, int batch)
    {
        Console.WriteLine();
        Console.WriteLine($"== {database.Provider}");
        await database.MigrateAsync();
        var workspace = new Workspace { Name = "Bench", Slug = "bench", CreatedAt = DateTime.UtcNow };
        await using (var db = database.OpenAll())
        {
            db.Add(workspace);
            await db.SaveChangesAsync();
        }

        var ids = new Guid[contactCount];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Guid.CreateVersion7();
        }

        var started = Stopwatch.GetTimestamp();
        var cpuStarted = Environment.CpuUsage.TotalTime;
        long total = 0;
        total += await TimeTableAsync(database, workspace.Id, "contacts", contactCount, batch, (from, count) => Contacts(ids, from, count));
        total += await TimeTableAsync(database, workspace.Id, "contact_emails", contactCount, batch, (from, count) => Emails(ids, from, count));
        total += await TimeTableAsync(database, workspace.Id, "contact_phones", contactCount, batch, (from, count) => Phones(ids, from, count));
        total += await TimeTableAsync(database, workspace.Id, "interactions", eventCount, batch, (from, count) => Events(ids, from, count));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuStarted;
        Console.WriteLine($"  {"overall",-16} {total,12:N0} rows {elapsed.TotalSeconds,9:N1} s {total / elapsed.TotalSeconds,12:N0} rows/s   bench process CPU {cpu.TotalSeconds:N1} s");
    }

    /// <summary>Writes <paramref name="rows"/> rows in sessions of <paramref name="batch"/>, each committed, and prints the rate.</summary>
    private static async Task<long> TimeTableAsync<T>(VinculoDatabase database, Guid workspaceId, string table, int rows, int batch, Func<int, int, IEnumerable<T>> make) where T : class
    {
        var started = Stopwatch.GetTimestamp();
        var cpuStarted = Environment.CpuUsage.TotalTime;
        long written = 0;
        for (var from = 0; from < rows; from += batch)
        {
            await using var db = database.Open(workspaceId);
            await using var bulk = await BulkSession.BeginAsync(db);
            written += await bulk.InsertAsync(make(from, Math.Min(batch, rows - from)));
            await bulk.CommitAsync();
            if (rows > batch)
            {
                var soFar = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Console.WriteLine($"    {table} {written,12:N0} rows {soFar,9:N1} s {written / soFar,12:N0} rows/s");
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = Environment.CpuUsage.TotalTime - cpuStarted;
        Console.WriteLine($"  {table,-16} {written,12:N0} rows {elapsed.TotalSeconds,9:N1} s {written / elapsed.TotalSeconds,12:N0} rows/s   bench process CPU {cpu.TotalSeconds,7:N1} s");
        return written;
    }

    private static IEnumerable<Contact> Contacts(Guid[] ids, int from, int count)
    {
        var created = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = from; i < from + count; i++)
        {
            var given = GivenNames[i % GivenNames.Length];
            var paternal = Surnames[(i / 7) % Surnames.Length];
            var maternal = Surnames[(i / 13) % Surnames.Length];
            var display = $"{given} {paternal} {maternal}";
            yield return new Contact
            {
                Id = ids[i],
                GivenNames = given,
                PaternalSurname = paternal,
                MaternalSurname = maternal,
                DisplayName = display,
                SearchName = display.ToLowerInvariant(),
                BirthDate = new DateOnly(1950, 1, 1).AddDays(i % 20_000),
                Locale = "es-MX",
                TimeZone = "America/Mexico_City",
                ExternalId = "CLI-" + i.ToString("D8", CultureInfo.InvariantCulture),
                CreatedAt = created.AddSeconds(i),
                UpdatedAt = created.AddSeconds(i),
            };
        }
    }

    private static IEnumerable<ContactEmail> Emails(Guid[] ids, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            yield return new ContactEmail { ContactId = ids[i], Address = $"contacto{i}@ejemplo.com.mx", Label = "personal", IsPrimary = true };
        }
    }

    private static IEnumerable<ContactPhone> Phones(Guid[] ids, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            yield return new ContactPhone { ContactId = ids[i], Number = "+5255" + (20_000_000 + i).ToString("D8", CultureInfo.InvariantCulture), Label = "mobile", IsPrimary = true };
        }
    }

    // Events land on random contacts over a year, as an ingest stream would.
    private static IEnumerable<Interaction> Events(Guid[] ids, int from, int count)
    {
        var random = new Random(from);
        var yearAgo = new DateTime(2025, 11, 30, 0, 0, 0, DateTimeKind.Utc);
        for (var i = from; i < from + count; i++)
        {
            var kind = random.Next(EventTypes.Length);
            var at = yearAgo.AddSeconds(random.Next(0, 365 * 86_400));
            yield return new Interaction
            {
                ContactId = ids[random.Next(ids.Length)],
                Type = EventTypes[kind],
                Channel = EventChannels[kind],
                OccurredAt = at,
                RecordedAt = at.AddSeconds(2),
                Properties = kind < 3 ? "{\"campaign\":\"em" + (i % 24).ToString(CultureInfo.InvariantCulture) + "\"}" : "{}",
                IdempotencyKey = "bench-" + i.ToString("D9", CultureInfo.InvariantCulture),
                Source = "bench",
            };
        }
    }

    private static int ParseCount(string value) => int.Parse(value.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
