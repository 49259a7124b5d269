using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Workspaces;

namespace Vinculo.Bench;

/// <summary>
/// The web UI's contacts list at scale: writes N contacts (default 1,000,000) with an email each (and
/// a "vip" tag on one in 50) into a SQLite file and/or a fresh PostgreSQL database, then times
/// ContactDirectory's first and a deep page, name searches (prefix of the full name, a surname alone,
/// a surname and a given name), an email prefix and the tag filter.
/// usage: contact-list [--rows N] [--provider sqlite|postgres|both] [--pg "connection string"] [--keep]
///        [--sqlite-file PATH | --pg-database NAME] (time a kept database again)
/// </summary>
public static class ContactListBench
{
    private static readonly string[] Given = ["María", "José", "Juan", "Guadalupe", "Ana", "Luis", "Carmen", "Carlos", "Sofía", "Miguel"];
    private static readonly string[] Surnames = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz"];

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var rows = int.Parse(Option("--rows", "1000000"), CultureInfo.InvariantCulture);
        var provider = Option("--provider", "sqlite");
        var pg = Option("--pg", Environment.GetEnvironmentVariable("VINCULO_TEST_PG") ?? "");
        var keep = args.Contains("--keep");
        if (provider is "postgres" or "both" && pg.Length == 0)
        {
            Console.Error.WriteLine("PostgreSQL needs --pg \"Host=…;Port=…;Username=…\" (or VINCULO_TEST_PG): a role that may create databases.");
            return 1;
        }

        if (Option("--sqlite-file", "") is { Length: > 0 } existing)
        {
            // Times an existing bench database again (one kept with --keep), without writing.
            await RunOnAsync("sqlite", new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={existing}"), 0);
            return 0;
        }

        if (Option("--pg-database", "") is { Length: > 0 } kept)
        {
            // Times a PostgreSQL bench database kept with --keep again, without writing.
            await RunOnAsync("postgres", new VinculoDatabase(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(pg) { Database = kept }.ConnectionString), 0);
            return 0;
        }

        if (provider is "sqlite" or "both")
        {
            var folder = Path.Combine(Path.GetTempPath(), "vinculo-contact-list-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            try
            {
                await RunOnAsync("sqlite", new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}"), rows);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (keep)
                {
                    Console.WriteLine($"sqlite: kept {folder}");
                }
                else
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        if (provider is "postgres" or "both")
        {
            var name = "vinculo_list_bench_" + Guid.NewGuid().ToString("N")[..8];
            await AdminAsync(pg, $"CREATE DATABASE {name}");
            try
            {
                await RunOnAsync("postgres", new VinculoDatabase(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString), rows);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                if (keep)
                {
                    Console.WriteLine($"postgres: kept database {name}");
                }
                else
                {
                    await AdminAsync(pg, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                }
            }
        }

        return 0;
    }

    private static async Task RunOnAsync(string label, VinculoDatabase database, int rows)
    {
        if (rows > 0)
        {
            await database.MigrateAsync();
        }

        Workspace? workspace;
        await using (var db = database.OpenAll())
        {
            workspace = await db.Set<Workspace>().FirstOrDefaultAsync(w => w.Slug == "bench");
            if (workspace is null)
            {
                workspace = new Workspace { Name = "Bench", Slug = "bench", CreatedAt = DateTime.UtcNow };
                db.Add(workspace);
                await db.SaveChangesAsync();
            }
        }

        var watch = Stopwatch.StartNew();
        const int batch = 100_000;
        for (var start = 0; start < rows; start += batch)
        {
            await using var db = database.Open(workspace.Id);
            await using var bulk = await BulkSession.BeginAsync(db);
            var contacts = new List<Contact>();
            var emails = new List<ContactEmail>();
            for (var i = start; i < Math.Min(rows, start + batch); i++)
            {
                var name = $"{Given[i % 10]} {Surnames[i / 10 % 10]} {Surnames[i / 100 % 10]} {i}";
                var contact = new Contact { WorkspaceId = workspace.Id, DisplayName = name, SearchName = Ingestion.Normalization.Normalize.SearchKey(name), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
                contacts.Add(contact);
                emails.Add(new ContactEmail { WorkspaceId = workspace.Id, ContactId = contact.Id, Address = $"cliente{i}@example.mx", IsPrimary = true });
            }

            await bulk.InsertAsync(contacts);
            await bulk.InsertAsync(emails);
            await bulk.InsertAsync(contacts.Where((_, k) => k % 50 == 0).Select(c => new ContactTag { WorkspaceId = workspace.Id, ContactId = c.Id, Name = "vip" }));
            await bulk.CommitAsync();
        }

        if (rows > 0)
        {
            Console.WriteLine($"{label}: wrote {rows:N0} contacts with emails in {watch.Elapsed.TotalSeconds:N1} s");
        }

        if (database.Provider == StorageProvider.Postgres)
        {
            // What autovacuum does soon after a load: statistics and the visibility map for index-only scans.
            await using var db = database.OpenAll();
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }

        var directory = new ContactDirectory(new ScopedDbContextFactory(database, new WorkspaceScope { WorkspaceId = workspace.Id }));
        await Time(label, directory, "first page, no filter", new ContactListQuery());
        await Time(label, directory, "page 200, no filter", new ContactListQuery(Page: 200));
        await Time(label, directory, "name prefix 'mar'", new ContactListQuery("mar"));
        await Time(label, directory, "name 'sofia cruz lopez 9'", new ContactListQuery("sofia cruz lopez 9"));
        await Time(label, directory, "surname 'lopez'", new ContactListQuery("lopez"));
        await Time(label, directory, "surname 'lopez', page 200", new ContactListQuery("lopez", Page: 200));
        await Time(label, directory, "surname and given name 'ramirez carmen'", new ContactListQuery("ramirez carmen"));
        await Time(label, directory, "rare word '123456'", new ContactListQuery("123456"));
        await Time(label, directory, "email prefix 'cliente12345@'", new ContactListQuery("cliente12345@"));
        await Time(label, directory, "tag 'vip'", new ContactListQuery(null, ["vip"]));
        await Time(label, directory, "tag 'vip', page 200", new ContactListQuery(null, ["vip"], Page: 200));
        await Time(label, directory, "tag 'vip' and surname 'cruz'", new ContactListQuery("cruz", ["vip"]));
    }

    private static async Task Time(string provider, ContactDirectory directory, string label, ContactListQuery query)
    {
        var times = new List<double>();
        ContactPage? page = null;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            page = await directory.BrowseAsync(query);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"{provider}: {label}: median {times[2]:N1} ms (first {times[0]:N1}..{times[^1]:N1}); {page!.Items.Count} rows, count {page.Total:N0}{(page.TotalIsCapped ? "+" : "")}");
    }

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
