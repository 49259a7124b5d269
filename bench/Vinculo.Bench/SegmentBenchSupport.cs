using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Bench;

/// <summary>Fresh databases and option parsing for the segments and retail-rfm verbs.</summary>
internal static class SegmentBenchSupport
{
    public static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static long Number(string[] args, string name, long fallback) =>
        long.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)).Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture);

    /// <summary>
    /// A new, migrated database: "--provider sqlite" (default; a file under /tmp, or --db PATH) or
    /// "--provider postgres" with "--pg CONNECTION" naming a server where a database <paramref name="name"/> is (re)created.
    /// </summary>
    public static async Task<(VinculoDatabase Database, Workspace Workspace)> CreateAsync(string[] args, string name)
    {
        var provider = Option(args, "--provider", "sqlite").ToLowerInvariant();
        VinculoDatabase database;
        if (provider is "postgres" or "pg" or "postgresql")
        {
            var admin = Option(args, "--pg", Environment.GetEnvironmentVariable("VINCULO_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            database = new VinculoDatabase(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = name, CommandTimeout = 0 }.ConnectionString);
        }
        else
        {
            var path = Option(args, "--db", Path.Combine(Path.GetTempPath(), name + ".db"));
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            database = new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={path}");
        }

        await database.MigrateAsync();
        var workspace = new Workspace { Name = name, Slug = name, CreatedAt = DateTime.UtcNow };
        await using (var db = database.OpenAll())
        {
            db.Add(workspace);
            await db.SaveChangesAsync();
        }

        Console.WriteLine($"database: {database.Provider} ({Redact(database.ConnectionString)})");
        return (database, workspace);
    }

    /// <summary>
    /// The database a previous run of the same verb generated ("--reuse"): same --provider/--pg/--db options,
    /// nothing deleted or migrated, so a query change can be timed again without generating the data anew.
    /// </summary>
    public static async Task<(VinculoDatabase Database, Workspace Workspace)> OpenExistingAsync(string[] args, string name)
    {
        var provider = Option(args, "--provider", "sqlite").ToLowerInvariant();
        VinculoDatabase database;
        if (provider is "postgres" or "pg" or "postgresql")
        {
            var admin = Option(args, "--pg", Environment.GetEnvironmentVariable("VINCULO_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres");
            database = new VinculoDatabase(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = name, CommandTimeout = 0 }.ConnectionString);
        }
        else
        {
            var path = Option(args, "--db", Path.Combine(Path.GetTempPath(), name + ".db"));
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("Nothing to reuse: run the verb once without --reuse.", path);
            }

            database = new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={path}");
        }

        await using var db = database.OpenAll();
        var workspace = await db.Set<Workspace>().AsNoTracking().SingleAsync(w => w.Slug == name);
        Console.WriteLine($"database: {database.Provider} ({Redact(database.ConnectionString)}), reused");
        return (database, workspace);
    }

    private static string Redact(string connectionString) =>
        string.Join(';', connectionString.Split(';').Where(p => !p.StartsWith("Password", StringComparison.OrdinalIgnoreCase)));

    public static async Task<T> TimedAsync<T>(string what, Func<Task<T>> action)
    {
        var sw = Stopwatch.StartNew();
        var result = await action();
        Console.WriteLine($"{what}: {sw.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    /// <summary>Fresh planner statistics after a bulk load, as any operator would run.</summary>
    public static async Task AnalyzeAsync(VinculoDatabase database)
    {
        await using var db = database.OpenAll();
        await db.Database.OpenConnectionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "ANALYZE";
        cmd.CommandTimeout = 3600;
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>A clock stopped at one instant, so evaluations run "as of" a date in the data.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
