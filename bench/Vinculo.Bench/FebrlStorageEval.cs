using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Ingestion.Identity;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Workspaces;

namespace Vinculo.Bench;

/// <summary>
/// The product path on FEBRL3: the records stored as contacts (SQLite file, or PostgreSQL with --pg),
/// then the set-based detection job (match keys, SQL pair join, batched comparison, EM fit) as the API
/// runs it. Contacts have no social security number, so this sees less evidence than the engine run.
/// </summary>
internal static class FebrlStorageEval
{
    public static async Task RunAsync(string dataset3, string? postgres)
    {
        var records = await FebrlEval.ReadAsync(dataset3, 0);
        VinculoDatabase database;
        string? folder = null;
        if (postgres is null)
        {
            folder = Path.Combine(Path.GetTempPath(), "vinculo-febrl-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            database = new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "febrl.db")}");
        }
        else
        {
            database = new VinculoDatabase(StorageProvider.Postgres, postgres);
        }

        try
        {
            await database.MigrateAsync();
            var workspace = new Workspace { Name = "FEBRL", Slug = "febrl-" + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
            await using (var db = database.OpenAll())
            {
                db.Add(workspace);
                await db.SaveChangesAsync();
            }

            var recIdOf = new Dictionary<Guid, string>();
            await using (var db = database.Open(workspace.Id))
            {
                var contacts = new List<Contact>();
                var addresses = new List<PostalAddress>();
                foreach (var r in records)
                {
                    var contact = new Contact
                    {
                        GivenNames = r.GivenNames,
                        PaternalSurname = r.PaternalSurname,
                        DisplayName = Contact.ComposeDisplayName(r.GivenNames, r.PaternalSurname, null),
                        BirthDate = DateOnly.TryParseExact(r.BirthDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
                        CreatedAt = DateTime.UtcNow,
                        UpdatedAt = DateTime.UtcNow,
                    };
                    contacts.Add(contact);
                    recIdOf[contact.Id] = r.Id;
                    addresses.Add(new PostalAddress
                    {
                        ContactId = contact.Id,
                        ExteriorNumber = r.StreetNumber,
                        Street = r.Street,
                        Neighborhood = r.Neighborhood,
                        City = r.City,
                        State = r.State,
                        PostalCode = r.PostalCode,
                        CountryCode = "AU",
                        IsPrimary = true,
                    });
                }

                await using var bulk = await BulkSession.BeginAsync(db);
                await bulk.InsertAsync(contacts);
                await bulk.InsertAsync(addresses);
                await bulk.CommitAsync();
            }

            var scope = new WorkspaceScope { WorkspaceId = workspace.Id };
            var factory = new ScopedDbContextFactory(database, scope);
            var options = new IdentityOptions();
            var merges = new ContactMergeService(factory, TimeProvider.System, options);
            var detection = new DuplicateDetectionService(factory, TimeProvider.System, options, merges);
            var watch = Stopwatch.StartNew();
            var report = await detection.DetectAsync();
            watch.Stop();

            List<DuplicateCandidate> candidates;
            await using (var db = database.Open(workspace.Id))
            {
                candidates = await db.Set<DuplicateCandidate>().AsNoTracking().ToListAsync();
            }

            var index = records.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var predicted = candidates.Select(c => (index[recIdOf[c.ContactAId]], index[recIdOf[c.ContactBId]]));
            var metrics = LinkageMetrics.Evaluate(records, FebrlEval.EntityOf, [], predicted, linkage: false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FEBRL3 deduplication through storage ({database.Provider}, detection job): contacts {report.ContactsKeyed}, candidate pairs {report.CandidatePairs:N0}, " +
                $"model fitted {report.ModelFitted}, candidates (p >= {options.Thresholds.Review}) {metrics.PredictedPairs:N0}, " +
                $"precision {metrics.Precision:F4}, recall {metrics.Recall:F4}, F1 {metrics.F1:F4}, time {watch.Elapsed.TotalSeconds:F2} s ({string.Join(", ", report.PhaseSeconds.Select(p => $"{p.Key} {p.Value:F2} s"))})"));
        }
        finally
        {
            if (folder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
