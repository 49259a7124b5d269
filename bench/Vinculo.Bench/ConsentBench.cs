using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo;
using Vinculo.Audit;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Hygiene;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Workspaces;

/// <summary>
/// `consent [--contacts N] [--db CONNECTION]`: seeds contacts (a fifth minors with two guardians each),
/// a consent ledger with withdrawals, then times the set-based consent state, the minors policy over
/// every contact, the age-out, a hygiene run and the audit-chain check. SQLite temp file by default.
/// </summary>
internal static class ConsentBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = 100_000;
        string? cs = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--contacts")
            {
                n = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--db")
            {
                cs = args[i + 1];
            }
        }

        var folder = Path.Combine(Path.GetTempPath(), "vinculo-bench-consent-" + Guid.NewGuid().ToString("N")[..8]);
        cs ??= $"Data Source={Path.Combine(folder, "bench.db")}";
        var database = new VinculoDatabase(VinculoDatabase.DetectProvider(cs), cs);
        await database.MigrateAsync();
        var workspace = new Workspace { Name = "Bench", Slug = "bench-" + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
        await using (var db = database.OpenAll())
        {
            db.Add(workspace);
            await db.SaveChangesAsync();
        }

        var services = new ServiceCollection();
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<WorkspaceScope>();
        services.AddScoped<IDbContextFactory<VinculoDbContext>, ScopedDbContextFactory>();
        services.AddVinculoCore();
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = workspace.Id;

        var sw = Stopwatch.StartNew();
        var (contacts, minors, links, records, agingOut) = await SeedAsync(database, workspace, n);
        Console.WriteLine($"provider {database.Provider}; seeded {contacts:N0} contacts ({minors:N0} minors, {links:N0} guardian links, {agingOut:N0} turning 18 today), {records:N0} consent entries in {sw.Elapsed.TotalSeconds:F1} s");

        await using (var db = database.Open(workspace.Id))
        {
            sw.Restart();
            var granted = await ConsentLedger.CurrentlyGranted(db, ConsentChannel.Email, ConsentPurpose.Marketing).Select(r => r.ContactId).Distinct().CountAsync();
            Console.WriteLine($"current state: {granted:N0} contacts with email marketing granted, {sw.ElapsedMilliseconds} ms");
        }

        var resolver = scope.ServiceProvider.GetRequiredService<RecipientResolver>();
        sw.Restart();
        var all = await resolver.ResolveAsync(db => db.Set<Contact>().Select(c => c.Id), ConsentChannel.Email, ConsentPurpose.Marketing);
        Console.WriteLine($"minors policy over all contacts (query): {all.Count:N0} recipients ({all.Count(r => r.IsGuardian):N0} via guardians), {sw.ElapsedMilliseconds} ms");

        List<Guid> ids;
        await using (var db = database.Open(workspace.Id))
        {
            ids = await db.Set<Contact>().Select(c => c.Id).ToListAsync();
        }

        sw.Restart();
        var byIds = await resolver.ResolveAsync(ids, ConsentChannel.Email, ConsentPurpose.Marketing);
        Console.WriteLine($"minors policy over {ids.Count:N0} ids (chunks of 10000): {byIds.Count:N0} recipients, {sw.ElapsedMilliseconds} ms");

        sw.Restart();
        var ageOut = await scope.ServiceProvider.GetRequiredService<AgeOutService>().RunAsync();
        Console.WriteLine($"age-out: {ageOut.CameOfAge.Count:N0} came of age, {ageOut.LinksEnded:N0} links ended, {ageOut.ConsentsWithdrawn:N0} consents withdrawn, {sw.ElapsedMilliseconds} ms");

        sw.Restart();
        var hygiene = await scope.ServiceProvider.GetRequiredService<HygieneService>().RunAsync();
        Console.WriteLine($"hygiene run: {string.Join(", ", hygiene.Counts.Select(kv => $"{kv.Key} {kv.Value:N0}"))}, {sw.ElapsedMilliseconds} ms");

        sw.Restart();
        var verify = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync();
        Console.WriteLine($"audit chain: {verify.RowsChecked:N0} rows, intact={verify.Intact}, {sw.ElapsedMilliseconds} ms");

        if (Directory.Exists(folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static async Task<(int Contacts, int Minors, int Links, int Records, int AgingOut)> SeedAsync(VinculoDatabase database, Workspace workspace, int n)
    {
        var random = new Random(42);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now.AddHours(-6));
        var contacts = new List<Contact>(n);
        var adults = new List<Guid>();
        var minorIds = new List<Guid>();
        var agingOut = 0;
        for (var i = 0; i < n; i++)
        {
            var minor = i % 5 == 0;
            DateOnly birth;
            if (minor && i % 500 == 0)
            {
                birth = today.AddYears(-18); // comes of age today
                agingOut++;
            }
            else
            {
                birth = minor ? today.AddDays(-random.Next(1, 17 * 365)) : today.AddDays(-random.Next(19 * 365, 80 * 365));
            }

            var c = new Contact { WorkspaceId = workspace.Id, DisplayName = $"Persona {i}", SearchName = $"persona {i}", BirthDate = birth, CreatedAt = now, UpdatedAt = now };
            contacts.Add(c);
            (minor ? minorIds : adults).Add(c.Id);
        }

        var links = new List<GuardianLink>();
        foreach (var m in minorIds)
        {
            var a = adults[random.Next(adults.Count)];
            var b = adults[random.Next(adults.Count)];
            links.Add(new GuardianLink { WorkspaceId = workspace.Id, GuardianId = a, MinorId = m, CreatedAt = now });
            if (b != a)
            {
                links.Add(new GuardianLink { WorkspaceId = workspace.Id, GuardianId = b, MinorId = m, Relationship = GuardianRelationship.Father, CreatedAt = now });
            }
        }

        var records = new List<ConsentRecord>();
        foreach (var a in adults)
        {
            if (random.NextDouble() < 0.6)
            {
                records.Add(Record(a, ConsentStatus.Granted, now.AddDays(-200), a));
                if (random.NextDouble() < 0.1)
                {
                    records.Add(Record(a, ConsentStatus.Withdrawn, now.AddDays(-20), a));
                }
            }
        }

        foreach (var l in links.Where((_, i) => i % 3 == 0))
        {
            records.Add(Record(l.MinorId, ConsentStatus.Granted, now.AddDays(-100), l.GuardianId));
        }

        await using var db = database.Open(workspace.Id);
        await using var bulk = await BulkSession.BeginAsync(db);
        await bulk.InsertAsync(contacts);
        await bulk.InsertAsync(links);
        await bulk.InsertAsync(records);
        await bulk.CommitAsync();
        // Fresh bulk-loaded tables have no planner statistics; without them PostgreSQL plans the
        // ledger's anti-join as nested seq scans (measured: 38 s instead of 0.1 s for 10k contacts).
        await db.Database.ExecuteSqlRawAsync(database.Provider == StorageProvider.Postgres
            ? "ANALYZE contacts, guardian_links, consent_records"
            : "ANALYZE");
        return (contacts.Count, minorIds.Count, links.Count, records.Count, agingOut);

        ConsentRecord Record(Guid contact, ConsentStatus status, DateTime at, Guid givenBy) => new()
        {
            WorkspaceId = workspace.Id,
            ContactId = contact,
            Channel = ConsentChannel.Email,
            Purpose = ConsentPurpose.Marketing,
            Status = status,
            Source = "bench",
            GivenByContactId = givenBy,
            OccurredAt = at,
            RecordedAt = at,
        };
    }
}
