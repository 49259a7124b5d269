using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Import;
using Vinculo.Ingestion.Jobs;
using Vinculo.Ingestion.Normalization;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Bench;

/// <summary>
/// `import [--rows N] [--provider sqlite|postgres|both] [--pg CONNECTION] [--chunk N]`: writes a contacts CSV with
/// Spanish headers and realistic dirty values, imports it through the real pipeline and prints rows/s.
/// </summary>
public static class ImportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = int.Parse(Option(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var providers = (Option(args, "--provider") ?? "both").ToLowerInvariant();
        var pg = Option(args, "--pg") ?? Environment.GetEnvironmentVariable("VINCULO_TEST_PG");
        var chunk = int.Parse(Option(args, "--chunk") ?? ImportRunner.DefaultChunkSize.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetTempPath(), "vinculo-import-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var csv = Path.Combine(folder, "contactos.csv");
            var watch = Stopwatch.StartNew();
            var expectedRejects = Generate(csv, rows);
            Console.WriteLine($"generated {rows:N0} rows ({new FileInfo(csv).Length / 1048576.0:N0} MiB) in {watch.Elapsed.TotalSeconds:N1} s; ~{expectedRejects:N0} rows have a bad email");

            MeasureNormalization(csv);

            if (providers is "sqlite" or "both")
            {
                var database = new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}");
                await ImportAsync("SQLite", database, csv, folder, chunk);
                await SqliteCeilingAsync(new VinculoDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "ceiling.db")}"), rows);
            }

            if (providers is "postgres" or "both")
            {
                if (pg is null)
                {
                    Console.WriteLine("PostgreSQL: skipped (give --pg \"Host=…;Username=…\" or set VINCULO_TEST_PG)");
                }
                else
                {
                    var name = "vinculo_bench_" + Guid.NewGuid().ToString("N")[..8];
                    await using (var admin = new NpgsqlConnection(pg))
                    {
                        await admin.OpenAsync();
                        await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
                    }

                    try
                    {
                        var database = new VinculoDatabase(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString);
                        await ImportAsync("PostgreSQL", database, csv, folder, chunk);
                    }
                    finally
                    {
                        NpgsqlConnection.ClearAllPools();
                        await using var admin = new NpgsqlConnection(pg);
                        await admin.OpenAsync();
                        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
                    }
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ImportAsync(string label, VinculoDatabase database, string csv, string folder, int chunk)
    {
        await database.MigrateAsync();
        var workspace = new Workspace { Name = "Bench", Slug = "bench", CreatedAt = DateTime.UtcNow };
        await using (var db = database.OpenAll())
        {
            db.Add(workspace);
            await db.SaveChangesAsync();
        }

        var contexts = new ScopedDbContextFactory(database, new WorkspaceScope { WorkspaceId = workspace.Id });
        var files = new ImportFiles(Path.Combine(folder, "imports-" + label));
        var rules = new NormalizationRules(contexts);
        var service = new ImportService(contexts, rules, files, TimeProvider.System);
        var runner = new ImportRunner(contexts, rules, files, TimeProvider.System) { ChunkSize = chunk };

        foreach (var pass in new[] { "first run", "re-run" })
        {
            ImportUpload upload;
            await using (var stream = File.OpenRead(csv))
            {
                upload = await service.UploadAsync("contactos.csv", stream);
            }

            await service.StartAsync(upload.JobId);
            var watch = Stopwatch.StartNew();
            var job = await runner.RunAsync(upload.JobId);
            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-10} {pass,-9}: {job.RowsDone:N0} rows in {seconds:N1} s = {job.RowsDone / seconds:N0} rows/s  (created {job.Created:N0}, updated {job.Updated:N0}, unchanged {job.Unchanged:N0}, merged {job.Merged:N0}, rejected {job.Rejected:N0}, warnings {job.Warnings:N0})"));
        }

        await using (var db = database.Open(workspace.Id))
        {
            Console.WriteLine($"{label,-10} stored: {await db.Set<Contacts.Contact>().CountAsync():N0} contacts, {await db.Set<Contacts.ContactEmail>().CountAsync():N0} emails, {await db.Set<Contacts.ContactPhone>().CountAsync():N0} phones");
        }
    }

    /// <summary>
    /// The ceiling the database sets: SQLite itself writes one contact, email, phone, address and tag per row
    /// from an in-memory staging table into the product's schema (every index, foreign keys on), with no
    /// .NET code between rows. An import cannot go faster than this on the machine.
    /// </summary>
    private static async Task SqliteCeilingAsync(VinculoDatabase database, int rows)
    {
        await database.MigrateAsync();
        var workspace = new Workspace { Name = "Ceiling", Slug = "ceiling", CreatedAt = DateTime.UtcNow };
        await using var db = database.OpenAll();
        db.Add(workspace);
        await db.SaveChangesAsync();
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var ws = "x'" + Convert.ToHexString(workspace.Id.ToByteArray()) + "'";
        var steps = new (string Name, string Sql)[]
        {
            ("stage", $"""
                PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;
                CREATE TEMP TABLE stage(id BLOB, given TEXT, paternal TEXT, maternal TEXT, display TEXT, search TEXT, birth TEXT, email TEXT, phone TEXT, street TEXT, city TEXT, cp TEXT, tag TEXT);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
                INSERT INTO stage SELECT randomblob(16), 'María José', 'García' || (i % 500), 'López' || (i % 300), 'María José García López', 'maria jose garcia' || (i * 7919 % 1000003),
                    '1980-01-' || printf('%02d', i % 28 + 1), 'u' || (i * 7919 % 1000003) || '@ejemplo.mx', '+52' || (8100000000 + i * 7907 % 99999999), 'Calle ' || i, 'Monterrey', printf('%05d', i * 31 % 99999), 'vip' FROM n;
                """),
            ("contacts", $"INSERT INTO contacts (id, given_names, paternal_surname, maternal_surname, display_name, search_name, birth_date, status, custom_fields, created_at, updated_at, workspace_id) SELECT id, given, paternal, maternal, display, search, birth, 0, '{{}}', '2026-11-30 00:00:00', '2026-11-30 00:00:00', {ws} FROM stage"),
            ("emails", $"INSERT INTO contact_emails (id, contact_id, address, is_primary, status, workspace_id) SELECT randomblob(16), id, email, 1, 0, {ws} FROM stage"),
            ("phones", $"INSERT INTO contact_phones (id, contact_id, number, label, is_primary, status, workspace_id) SELECT randomblob(16), id, phone, 'mobile', 1, 0, {ws} FROM stage"),
            ("addresses", $"INSERT INTO postal_addresses (id, contact_id, street, city, postal_code, country_code, is_primary, workspace_id) SELECT randomblob(16), id, street, city, cp, 'MX', 1, {ws} FROM stage"),
            ("tags", $"INSERT INTO contact_tags (contact_id, name, workspace_id) SELECT id, tag, {ws} FROM stage"),
        };
        var total = Stopwatch.StartNew();
        var parts = new List<string>();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var (name, sql) in steps)
            {
                var step = Stopwatch.StartNew();
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync();
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {step.Elapsed.TotalSeconds:N2} s"));
            }

            var commit = Stopwatch.StartNew();
            await tx.CommitAsync();
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"commit {commit.Elapsed.TotalSeconds:N2} s"));
        }

        var seconds = total.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SQLite     ceiling  : {rows:N0} rows written by SQLite alone (contact + email + phone + address + tag each) in {seconds:N1} s = {rows / seconds:N0} rows/s  ({string.Join(", ", parts)})"));
    }

    /// <summary>Reading and normalizing alone (no database): the ceiling the import's CPU side sets.</summary>
    private static void MeasureNormalization(string csv)
    {
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        using var reader = Ingestion.Readers.ImportFormats.Default.Open(csv);
        var mapping = Ingestion.Mapping.ColumnMapping.Suggest(Ingestion.Mapping.ImportTarget.Contacts, reader.Headers, []);
        var normalizer = new RowNormalizer(mapping.Bind(reader.Headers), FieldRuleSet.Defaults("MX"));
        long rows = 0;
        var chunk = new List<SourceRow>(ImportRunner.DefaultChunkSize);
        while (true)
        {
            chunk.Clear();
            while (chunk.Count < ImportRunner.DefaultChunkSize && reader.Read())
            {
                chunk.Add(new SourceRow(reader.RowNumber, [.. Enumerable.Range(0, reader.Headers.Count).Select(reader.GetString)]));
            }

            if (chunk.Count == 0)
            {
                break;
            }

            normalizer.NormalizeAll(chunk);
            rows += chunk.Count;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        // Cost per field on the last chunk, single-threaded: where normalization time goes.
        var rules = FieldRuleSet.Defaults("MX");
        var costs = new List<string>();
        foreach (var field in normalizer.Fields)
        {
            var column = mapping.Columns.ToList().FindIndex(c => c.Field == field);
            var sample = new List<string>();
            using (var again = Ingestion.Readers.ImportFormats.Default.Open(csv))
            {
                while (sample.Count < 20000 && again.Read())
                {
                    sample.Add(again.GetString(column));
                }
            }

            var fieldWatch = Stopwatch.StartNew();
            foreach (var value in sample)
            {
                rules.Apply(field, value);
            }

            costs.Add(string.Create(CultureInfo.InvariantCulture, $"{field} {fieldWatch.Elapsed.TotalMicroseconds / sample.Count:N1}"));
        }

        Console.WriteLine("µs a value: " + string.Join(", ", costs));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read + normalize only: {rows:N0} rows in {seconds:N1} s = {rows / seconds:N0} rows/s, {bytes / (double)rows:N0} bytes allocated a row"));
    }

    private static readonly string[] Given = ["María", "José", "Juan", "Guadalupe", "Ana", "Luis", "Carmen", "Jorge", "Sofía", "Miguel", "Fernanda", "Alejandro", "Valeria", "Diego", "Ximena", "Carlos", "María José", "Juan Pablo", "Regina", "Emiliano"];
    private static readonly string[] Surnames = ["García", "Hernández", "López", "Martínez", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "de la Cruz", "Ruiz"];
    private static readonly (string City, string State, int Lada, int Cp)[] Places =
        [("Ciudad de México", "CDMX", 55, 6600), ("Guadalajara", "Jalisco", 33, 44100), ("Monterrey", "Nuevo León", 81, 64000), ("Puebla", "Puebla", 222, 72000), ("Mérida", "Yucatán", 999, 97000), ("Querétaro", "Querétaro", 442, 76000)];
    private static readonly string[] Countries = ["México", "mexico", "MX", "MÉXICO", ""];
    private static readonly string[] Tags = ["", "", "VIP", "Newsletter", "VIP, Mayoreo", "Clientes 2024"];

    /// <summary>Writes the CSV; returns how many rows got a broken email (they end up in the rejects file).</summary>
    private static long Generate(string path, int rows)
    {
        var random = new Random(20261130);
        long bad = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 20);
        writer.Write("Nombre(s);Apellido paterno;Apellido materno;Correo electrónico;Celular;Teléfono;Fecha de nacimiento;Género;Calle;Colonia;Ciudad;Estado;Código postal;País;Etiquetas\r\n");
        var sb = new StringBuilder(256);
        for (var i = 0; i < rows; i++)
        {
            // About 1% of rows repeat an earlier person (same email, other writing).
            var person = i > 100 && random.Next(100) == 0 ? random.Next(i) : i;
            var r = new Random(person);
            var given = Given[r.Next(Given.Length)];
            var paternal = Surnames[r.Next(Surnames.Length)];
            var maternal = Surnames[r.Next(Surnames.Length)];
            var place = Places[r.Next(Places.Length)];
            var birth = new DateOnly(1950, 1, 1).AddDays(r.Next(20000));
            var mobile = 1000_0000 + person;
            sb.Clear();
            sb.Append(Dirty(random, given)).Append(';').Append(Dirty(random, paternal)).Append(';').Append(Dirty(random, maternal)).Append(';');
            var email = $"{Ascii(given)}.{Ascii(paternal)}{person}@ejemplo{person % 7}.com.mx";
            if (random.Next(100) == 0)
            {
                email = email.Replace("@", " arroba ", StringComparison.Ordinal);
                bad++;
            }

            sb.Append(random.Next(4) == 0 ? email.ToUpperInvariant() : email).Append(';');
            var lada = place.Lada.ToString(CultureInfo.InvariantCulture);
            var local = (mobile % (lada.Length == 2 ? 100_000_000 : 10_000_000)).ToString(lada.Length == 2 ? "00000000" : "0000000", CultureInfo.InvariantCulture);
            sb.Append(random.Next(3) switch
            {
                0 => $"{lada} {local[..4]} {local[4..]}",
                1 => $"({lada}) {local[..4]}-{local[4..]}",
                _ => $"+52 {lada}{local}",
            }).Append(';');
            sb.Append(random.Next(5) == 0 ? $"{lada}{(mobile + 7) % 10_000_000:0000000}".PadRight(10, '0')[..10] : "").Append(';');
            sb.Append(random.Next(3) switch
            {
                0 => birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                1 => birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => (birth.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture),
            }).Append(';');
            sb.Append(r.Next(2) == 0 ? "F" : "Masculino").Append(';');
            sb.Append("Av. Reforma ").Append(r.Next(1, 999)).Append(';').Append("Centro").Append(';');
            sb.Append(place.City).Append(';').Append(place.State).Append(';').Append(place.Cp + r.Next(0, 90)).Append(';');
            sb.Append(Countries[random.Next(Countries.Length)]).Append(';');
            var tag = Tags[random.Next(Tags.Length)];
            sb.Append(tag.Contains(',', StringComparison.Ordinal) ? "\"" + tag + "\"" : tag).Append("\r\n");
            writer.Write(sb);
        }

        return bad;
    }

    private static string Dirty(Random random, string value) => random.Next(6) switch
    {
        0 => value.ToUpperInvariant(),
        1 => value.ToLowerInvariant(),
        2 => "  " + value + " ",
        _ => value,
    };

    private static string Ascii(string value) => Normalize.SearchKey(value).Replace(" ", "", StringComparison.Ordinal);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
