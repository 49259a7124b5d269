using System.Diagnostics;
using System.Globalization;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Workspaces;

namespace Vinculo.Bench;

/// <summary>
/// The web UI's contacts list at scale: writes N contacts (default 1,000,000) with an email each into
/// a SQLite file, then times ContactDirectory's first page, name prefix, email prefix and tag filter.
/// </summary>
public static class ContactListBench
{
    private static readonly string[] Given = ["María", "José", "Juan", "Guadalupe", "Ana", "Luis", "Carmen", "Carlos", "Sofía", "Miguel"];
    private static readonly string[] Surnames = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz"];

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = int.Parse(args.SkipWhile(a => a != "--rows").Skip(1).FirstOrDefault() ?? "1000000", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetTempPath(), "vinculo-contact-list-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var database = new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}");
            await database.MigrateAsync();
            var workspace = new Workspace { Name = "Bench", Slug = "bench", CreatedAt = DateTime.UtcNow };
            await using (var db = database.OpenAll())
            {
                db.Add(workspace);
                await db.SaveChangesAsync();
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

            Console.WriteLine($"sqlite: wrote {rows:N0} contacts with emails in {watch.Elapsed.TotalSeconds:N1} s");
            var directory = new ContactDirectory(new ScopedDbContextFactory(database, new WorkspaceScope { WorkspaceId = workspace.Id }));
            await Time(directory, "first page, no filter", new ContactListQuery());
            await Time(directory, "page 200, no filter", new ContactListQuery(Page: 200));
            await Time(directory, "name prefix 'mar'", new ContactListQuery("mar"));
            await Time(directory, "name prefix 'sofia cruz lopez 9'", new ContactListQuery("sofia cruz lopez 9"));
            await Time(directory, "email prefix 'cliente12345@'", new ContactListQuery("cliente12345@"));
            await Time(directory, "tag 'vip'", new ContactListQuery(null, ["vip"]));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Time(ContactDirectory directory, string label, ContactListQuery query)
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
        Console.WriteLine($"sqlite: {label}: median {times[2]:N1} ms (first {times[0]:N1}..{times[^1]:N1}); {page!.Items.Count} rows, count {page.Total:N0}{(page.TotalIsCapped ? "+" : "")}");
    }
}
