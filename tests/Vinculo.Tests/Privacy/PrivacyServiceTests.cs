using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Hygiene;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Identity;
using Vinculo.Ingestion.Import;
using Vinculo.Ingestion.Jobs;
using Vinculo.Privacy;
using Vinculo.Storage;
using Vinculo.Tests.Consent;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Privacy;

public sealed class PrivacyServiceTests
{
    private static readonly ConsentProof Form = new("web-form", "v1", "ip:10.0.0.1 qwertina.zyx@example.com");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erasure_leaves_no_personal_data_in_any_table_and_keeps_counts_and_the_audit_chain(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var person = await h.AddContactAsync("Qwertina", "Zyxwvuts", new DateOnly(1980, 4, 4), "qwertina.zyx@example.com", "+525598765432");
        var child = await h.AddContactAsync("Niño", "Zyxwvuts", new DateOnly(2016, 1, 1));
        var other = await h.AddContactAsync("Ana", "Ruiz", new DateOnly(1990, 1, 1), "qwertina.zyx@example.com");
        var mergedDuplicate = await h.AddContactAsync("Qwertina", "Zyxwvuts", new DateOnly(1980, 4, 4), "qwertina.old@example.com", "+525598765432");
        await h.LinkAsync(person, child);
        var now = h.Time.GetUtcNow().UtcDateTime;
        await using (var db = h.Db.Open())
        {
            var p = await db.Set<Contact>().SingleAsync(c => c.Id == person.Id);
            p.CustomFields = """{"apodo": "Qwertina la grande"}""";
            p.ExternalId = "POS-QWERTINA";
            var dup = await db.Set<Contact>().SingleAsync(c => c.Id == mergedDuplicate.Id);
            dup.Status = ContactStatus.Merged;
            dup.MergedIntoId = person.Id;
            db.Add(new PostalAddress { ContactId = person.Id, Street = "Calle Zyxwvuts", ExteriorNumber = "12", City = "Puebla", PostalCode = "72000" });
            db.Add(new ContactTag { ContactId = person.Id, Name = "amiga-de-qwertina" });
            var org = new Organization { Name = "Acme", CreatedAt = now, UpdatedAt = now };
            db.Add(org);
            db.Add(new OrganizationMembership { OrganizationId = org.Id, ContactId = person.Id, Title = "Jefa Qwertina" });
            db.Add(new Interaction { ContactId = person.Id, Type = "web.form_submitted", OccurredAt = now, RecordedAt = now, IdempotencyKey = "form:qwertina.zyx@example.com", Properties = """{"email": "qwertina.zyx@example.com", "phone": "+525598765432"}""" });
            db.Add(new Interaction { ContactId = person.Id, Type = "email.opened", OccurredAt = now, RecordedAt = now });
            await db.SaveChangesAsync();
        }

        await h.Get<ConsentLedger>().GrantAsync(person.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form);
        await h.Get<ConsentLedger>().GrantAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form with { GivenByContactId = person.Id });
        await h.Get<AuditLog>().RecordAsync("contact.read", person.Id, details: new { shown = "Qwertina Zyxwvuts" });
        await h.Get<HygieneService>().RunAsync();

        // Identity resolution and an import's kept files (the upload and its rejects) hold the person too.
        await h.Get<DuplicateDetectionService>().DetectAsync();
        const string Upload = "Nombre,Apellido paterno,Correo,Teléfono\r\n" +
            "Qwertina,Zyxwvuts,qwertina.zyx@example.com,55 9876 5432\r\n" +
            "Qwertina,Zyxwvuts,qwertina@@mal,55 9876 5432\r\n" +
            "Pedro,Páramo,pedro@example.com,\r\n" +
            "\"Preciado, Juan\",Preciado,juan@,\r\n" +
            "Otra,Persona,,+52 (55) 9876-5432\r\n";
        var imports = h.Get<ImportService>();
        var upload = await imports.UploadAsync("clientes.csv", new MemoryStream(Encoding.UTF8.GetBytes(Upload)));
        await imports.DryRunAsync(upload.JobId);
        await h.Get<ImportRunner>().RunAsync(upload.JobId);
        var rejectsBefore = await File.ReadAllTextAsync(h.Get<ImportFiles>().RejectsPath(upload.JobId));
        Assert.Contains("qwertina@@mal", rejectsBefore, StringComparison.Ordinal);
        Assert.Contains("juan@", rejectsBefore, StringComparison.Ordinal);
        var uploadLength = new FileInfo(Directory.GetFiles(h.Get<ImportFiles>().FolderFor(upload.JobId), "source*").Single()).Length;
        await using (var db = h.Db.Open())
        {
            Assert.True(await db.Set<DuplicateCandidate>().AnyAsync(c => c.ContactAId == person.Id || c.ContactBId == person.Id));
        }

        int contactsBefore, interactionsBefore, auditBefore;
        await using (var db = h.Db.Open())
        {
            contactsBefore = await db.Set<Contact>().CountAsync();
            interactionsBefore = await db.Set<Interaction>().CountAsync();
            auditBefore = await db.Set<AuditEntry>().CountAsync();
            Assert.NotEmpty(await ScanAsync(db, "qwertina"));
        }

        var privacy = h.Get<PrivacyService>();
        await Assert.ThrowsAsync<ConflictException>(() => privacy.EraseAsync(person.Id));
        await privacy.BlockAsync(person.Id, "ARCO request 2026-17");
        await privacy.EraseAsync(person.Id);

        await using (var db = h.Db.Open())
        {
            foreach (var token in new[] { "qwertina", "zyx@", "Zyxwvuts".ToLowerInvariant(), "98765432", "10.0.0.1" })
            {
                var hits = await ScanAsync(db, token);
                // The other contact shares the email address: that row is hers, not the erased person's.
                hits.RemoveAll(hit => hit is "contact_emails.address" or "contact_match_keys.key" && token is "qwertina" or "zyx@");
                if (token == "zyxwvuts")
                {
                    hits.RemoveAll(hit => hit is "contacts.paternal_surname" or "contacts.display_name" or "contacts.search_name"
                        or "contact_name_words.word" or "contact_name_words.search_name"); // the child keeps its own name
                }

                Assert.True(hits.Count == 0, $"'{token}' still in {string.Join(", ", hits)}");
            }

            Assert.False(await db.Set<DuplicateCandidate>().AnyAsync(c => c.ContactAId == person.Id || c.ContactBId == person.Id));
            var tomb = await db.Set<Contact>().SingleAsync(c => c.Id == person.Id);
            Assert.Equal(ContactStatus.Erased, tomb.Status);
            Assert.Null(tomb.BirthDate);
            Assert.Equal(contactsBefore, await db.Set<Contact>().CountAsync());
            Assert.Equal(interactionsBefore, await db.Set<Interaction>().CountAsync());
            Assert.Equal(auditBefore + 2, await db.Set<AuditEntry>().CountAsync()); // privacy.blocked, privacy.erased
            Assert.Single(await db.Set<ContactEmail>().Where(e => e.ContactId == other.Id).ToListAsync());
        }

        Assert.True((await h.Get<AuditLog>().VerifyAsync()).Intact);

        // The import files: the person's lines are blank, everyone else's intact, row numbers and length kept.
        foreach (var file in Directory.GetFiles(h.ImportsFolder, "*", SearchOption.AllDirectories))
        {
            var text = (await File.ReadAllTextAsync(file)).ToLowerInvariant();
            foreach (var token in new[] { "qwertina", "zyxwvuts", "9876 5432", "9876-5432" })
            {
                Assert.False(text.Contains(token, StringComparison.Ordinal), $"'{token}' still in {Path.GetFileName(file)}");
            }
        }

        var source = Directory.GetFiles(h.Get<ImportFiles>().FolderFor(upload.JobId), "source*").Single();
        Assert.Equal(uploadLength, new FileInfo(source).Length);
        var lines = (await File.ReadAllTextAsync(source)).Split("\r\n");
        Assert.Equal("Pedro,Páramo,pedro@example.com,", lines[3]);
        Assert.Equal("\"Preciado, Juan\",Preciado,juan@,", lines[4]);
        Assert.Matches("^ *, *, *, *$", lines[1]);
        Assert.Matches("^ *, *, *, *$", lines[5]);
        var rejects = await File.ReadAllTextAsync(h.Get<ImportFiles>().RejectsPath(upload.JobId));
        Assert.Contains("5,email,juan@,", rejects, StringComparison.Ordinal);
    }

    /// <summary>Every text column of every table in the model that contains the token (case-insensitive).</summary>
    private static async Task<List<string>> ScanAsync(VinculoDbContext db, string token)
    {
        var hits = new List<string>();
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) || p.ClrType == typeof(byte[])))
            {
                var column = property.GetColumnName();
                await using DbCommand cmd = conn.CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM {table} WHERE lower(CAST({column} AS TEXT)) LIKE @p";
                var p = cmd.CreateParameter();
                p.ParameterName = "@p";
                p.Value = "%" + token.ToLowerInvariant() + "%";
                cmd.Parameters.Add(p);
                if (Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    hits.Add($"{table}.{column}");
                }
            }
        }

        return hits;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_holds_everything_and_its_csv_cannot_run_formulas(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var person = await h.AddContactAsync("=HYPERLINK(\"http://evil.example\",\"clic\")", "+SUM(A1:A9)", new DateOnly(1980, 4, 4), "-cmd@example.com", "+525598765432");
        var now = h.Time.GetUtcNow().UtcDateTime;
        await using (var db = h.Db.Open())
        {
            db.Add(new ContactTag { ContactId = person.Id, Name = "@SUM(1+1)" });
            db.Add(new Interaction { ContactId = person.Id, Type = "web.form_submitted", OccurredAt = now, RecordedAt = now, Properties = """{"comment": "\tTAB", "cr": "\rCR", "q": "a,\"b\""}""" });
            await db.SaveChangesAsync();
        }

        await h.Get<ConsentLedger>().GrantAsync(person.Id, ConsentChannel.Sms, ConsentPurpose.Surveys, Form);
        var export = await h.Get<PrivacyService>().ExportAsync(person.Id);

        foreach (var section in new[] { "contact", "emails", "phones", "addresses", "tags", "organizations", "guardianLinks", "consents", "interactions", "orders", "auditTrail" })
        {
            Assert.True(export.Sections.ContainsKey(section), section);
        }

        using var json = JsonDocument.Parse(export.ToJson());
        Assert.Equal("+SUM(A1:A9)", json.RootElement.GetProperty("sections").GetProperty("contact")[0].GetProperty("paternalSurname").GetString());
        Assert.Equal("sms", json.RootElement.GetProperty("sections").GetProperty("consents")[0].GetProperty("channel").GetString());

        var cells = ParseCsv(export.ToCsv());
        Assert.Equal(["section", "record", "field", "value"], cells[0]);
        Assert.All(cells.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"unsafe cell: {cell}"));
        var values = cells.Skip(1).Select(r => r[3]).ToList();
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"clic\")", values);
        Assert.Contains("'+SUM(A1:A9)", values);
        Assert.Contains("'-cmd@example.com", values);
        Assert.Contains("'@SUM(1+1)", values);
        Assert.Contains("'\tTAB", values);
        Assert.Contains("'\rCR", values);
        Assert.Contains("a,\"b\"", values);
        Assert.Contains("'+525598765432", values);
    }

    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rectification_changes_the_data_and_objection_withdraws_marketing_everywhere_at_once(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var person = await h.AddContactAsync("Ana", "Ruis", new DateOnly(1980, 4, 4), "ana@example.com");
        var privacy = h.Get<PrivacyService>();
        await privacy.RectifyAsync(person.Id, new Rectification(PaternalSurname: "ruiz", PrimaryEmail: " Ana.Ruiz@Example.com "));
        await Assert.ThrowsAsync<ValidationFailedException>(() => privacy.RectifyAsync(person.Id, new Rectification(PrimaryPhone: "abc")));
        await using (var db = h.Db.Open())
        {
            var c = await db.Set<Contact>().Include(x => x.Emails).SingleAsync(x => x.Id == person.Id);
            Assert.Equal("Ruiz", c.PaternalSurname);
            Assert.Equal("Ana Ruiz", c.DisplayName);
            Assert.Equal("ana.ruiz@example.com", Assert.Single(c.Emails).Address);
            var entry = await db.Set<AuditEntry>().SingleAsync(a => a.Action == "privacy.rectified");
            Assert.Contains("paternalSurname", entry.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("Ruiz", entry.Details, StringComparison.Ordinal);
        }

        var ledger = h.Get<ConsentLedger>();
        foreach (var channel in new[] { ConsentChannel.Email, ConsentChannel.Sms, ConsentChannel.WhatsApp })
        {
            await ledger.GrantAsync(person.Id, channel, ConsentPurpose.Marketing, Form);
        }

        await ledger.GrantAsync(person.Id, ConsentChannel.Email, ConsentPurpose.Surveys, Form);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await privacy.ObjectToMarketingAsync(person.Id);
        var current = await ledger.CurrentAsync(person.Id);
        Assert.All(current.Where(c => c.Purpose == ConsentPurpose.Marketing), c => Assert.Equal(ConsentStatus.Withdrawn, c.Status));
        Assert.Equal(6, current.Count(c => c.Purpose == ConsentPurpose.Marketing));
        Assert.Equal(ConsentStatus.Granted, current.Single(c => c.Purpose == ConsentPurpose.Surveys).Status);
        Assert.Empty(await h.Get<RecipientResolver>().ResolveAsync([person.Id], ConsentChannel.Email, ConsentPurpose.Marketing));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_blocked_contact_is_not_a_recipient_until_unblocked(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var person = await h.AddContactAsync("Ana", "Ruiz", new DateOnly(1980, 4, 4));
        await h.Get<ConsentLedger>().GrantAsync(person.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form);
        var privacy = h.Get<PrivacyService>();
        var resolver = h.Get<RecipientResolver>();
        await privacy.BlockAsync(person.Id);
        Assert.Empty(await resolver.ResolveAsync([person.Id], ConsentChannel.Email, ConsentPurpose.Marketing));
        await privacy.UnblockAsync(person.Id);
        Assert.Single(await resolver.ResolveAsync([person.Id], ConsentChannel.Email, ConsentPurpose.Marketing));
        await Assert.ThrowsAsync<NotFoundException>(() => privacy.BlockAsync(Guid.NewGuid()));
    }
}
