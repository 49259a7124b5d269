using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Ingestion.Jobs;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Ingestion;

public sealed class ImportTests
{
    // Spanish headers, dirty values, one duplicate (same email, other case), two bad rows.
    private const string Contacts =
        "Nombre(s);Apellido paterno;Apellido materno;Correo electrónico;Celular;Fecha de nacimiento;Código postal;País;Empresa;Puesto;Etiquetas\n" +
        "  maría josé ;GARCÍA;lópez;MJ.Garcia@Ejemplo.mx;55 1234 5678;17/05/1990;6600;México;Tienda Sol;Gerente;VIP, Newsletter\n" +
        "Luis;de la Cruz;Pérez;luis@ejemplo;;;;;;;\n" +
        "Ana;Núñez;;ana@ejemplo.mx;(33) 3615 0000;1985-02-30;44100;mexico;Tienda Sol;Compras;\n" +
        "Pedro;Sin;Clave;;;;;;;;\n" +
        "María José;García;López;mj.garcia@ejemplo.mx;;;;;;;Clientas\n" +
        "Sofía;Ramírez;;sofia@ejemplo.mx;;1992-11-03;;Estados Unidos;;;\n" +
        "Jorge;Treviño;Garza;jorge@ejemplo.mx;81 8000 1234;;64000;;Aceros del Norte;Director;\n";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contacts_import_normalizes_upserts_and_reports_every_row(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        var status = await h.ImportAsync("contactos.csv", Contacts, chunkSize: 10);

        Assert.Equal(ImportJobStatus.Succeeded, status.Status);
        Assert.Equal(7, status.RowsDone);
        Assert.Equal(4, status.Created);
        Assert.Equal(1, status.Merged);
        Assert.Equal(2, status.Rejected);
        Assert.Equal(0, status.Updated + status.Unchanged);
        Assert.Equal(1, status.Warnings); // Ana's 1985-02-30

        await using var db = h.Database.Open();
        var mj = await db.Set<Contact>().Include(c => c.Emails).Include(c => c.Phones).Include(c => c.Addresses).Include(c => c.Tags)
            .SingleAsync(c => c.Emails.Any(e => e.Address == "mj.garcia@ejemplo.mx"));
        Assert.Equal("María José", mj.GivenNames);
        Assert.Equal("García", mj.PaternalSurname);
        Assert.Equal("López", mj.MaternalSurname);
        Assert.Equal("María José García López", mj.DisplayName);
        Assert.Equal(new DateOnly(1990, 5, 17), mj.BirthDate);
        Assert.Equal("+525512345678", Assert.Single(mj.Phones).Number);
        var address = Assert.Single(mj.Addresses);
        Assert.Equal("06600", address.PostalCode);
        Assert.Equal("MX", address.CountryCode);
        Assert.Equal(["Clientas", "Newsletter", "VIP"], mj.Tags.Select(t => t.Name).Order());

        var sofia = await db.Set<Contact>().Include(c => c.Addresses).SingleAsync(c => c.GivenNames == "Sofía");
        Assert.Equal("US", Assert.Single(sofia.Addresses).CountryCode);
        Assert.Equal(2, await db.Set<Organization>().CountAsync());
        var tiendaSol = await db.Set<Organization>().SingleAsync(o => o.Name == "Tienda Sol");
        Assert.Equal(2, await db.Set<OrganizationMembership>().CountAsync(m => m.OrganizationId == tiendaSol.Id));
        Assert.Equal("Gerente", (await db.Set<OrganizationMembership>().SingleAsync(m => m.ContactId == mj.Id)).Title);

        var rejects = (await h.RejectsAsync(status.JobId)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,field,value,severity,reason", rejects[0]);
        Assert.Contains(rejects, l => l.StartsWith("3,email,luis@ejemplo,error,", StringComparison.Ordinal));
        Assert.Contains(rejects, l => l.StartsWith("4,birth_date,1985-02-30,warning,", StringComparison.Ordinal));
        Assert.Contains(rejects, l => l.StartsWith("5,(row),,error,no email, phone or external id", StringComparison.Ordinal) || l.StartsWith("5,(row),,error,\"no email", StringComparison.Ordinal));
        Assert.Equal(4, rejects.Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Re_running_the_same_file_changes_nothing(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        await h.ImportAsync("contactos.csv", Contacts, chunkSize: 3);
        var before = await SnapshotAsync(h);

        h.Clock.Advance(TimeSpan.FromHours(1));
        var again = await h.ImportAsync("contactos.csv", Contacts, chunkSize: 3);

        Assert.Equal(0, again.Created);
        Assert.Equal(0, again.Updated);
        Assert.Equal(0, again.Merged);
        Assert.Equal(5, again.Unchanged);
        Assert.Equal(2, again.Rejected);
        Assert.Equal(before, await SnapshotAsync(h));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_later_file_updates_by_exact_key_and_adds_new_addresses(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        await h.ImportAsync("contactos.csv", Contacts, chunkSize: 10);
        var update = await h.ImportAsync("hubspot.csv",
            "Record ID,First Name,Last Name,Email,Mobile Phone Number,Company Name,Job Title\n" +
            "901,Jorge,Treviño Garza,JORGE@ejemplo.mx,,Aceros del Norte,Director General\n" +
            "902,Sofía,Ramírez,,+1 212 555 0123,,\n" +
            "903,Nueva,Persona,nueva@ejemplo.mx,,,\n");
        // 902 has only keys Vinculo has not seen (an id and a new phone): exact matching makes a new contact.
        Assert.Equal(2, update.Created);
        Assert.Equal(1, update.Updated);
        Assert.Equal(0, update.Unchanged + update.Rejected);

        await using var db = h.Database.Open();
        var jorge = await db.Set<Contact>().SingleAsync(c => c.ExternalId == "901");
        Assert.Equal("Treviño", jorge.PaternalSurname);
        Assert.Equal("Director General", (await db.Set<OrganizationMembership>().SingleAsync(m => m.ContactId == jorge.Id)).Title);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dry_run_counts_and_rejects_without_writing(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        var status = await h.ImportAsync("contactos.csv", Contacts, chunkSize: 10, dryRun: true);
        Assert.True(status.DryRun);
        Assert.Equal(ImportJobStatus.Succeeded, status.Status);
        Assert.Equal(4, status.Created);
        Assert.Equal(2, status.Rejected);
        Assert.Contains("luis@ejemplo", await h.RejectsAsync(status.JobId));
        await using var db = h.Database.Open();
        Assert.Equal(0, await db.Set<Contact>().CountAsync());
        Assert.Equal(0, await db.Set<Organization>().CountAsync());

        // The same job then runs for real.
        await h.Service.StartAsync(status.JobId);
        await h.Runner(10).RunAsync(status.JobId);
        var real = await h.Service.GetStatusAsync(status.JobId);
        Assert.False(real.DryRun);
        Assert.Equal(4, real.Created);
        Assert.Equal(4, await db.Set<Contact>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_crash_after_some_chunks_resumes_without_duplicates(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        var lines = new List<string> { "ID cliente,Nombre,Correo,Teléfono" };
        for (var i = 0; i < 50; i++)
        {
            lines.Add(i % 10 == 9 ? $"C{i},Mala {i},no-es-correo,"
                : $"C{i},Persona {i},persona{i}@ejemplo.mx,55 10{i:00} {1000 + i}");
        }

        var upload = await h.UploadAsync("clientes.csv", string.Join("\n", lines));
        await h.Service.StartAsync(upload.JobId);
        var crashing = h.Runner(chunkSize: 7);
        crashing.AfterChunkCommitted = index => index == 2 ? throw new IOException("disk unplugged") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => crashing.RunAsync(upload.JobId));
        var crashed = await h.Service.GetStatusAsync(upload.JobId);
        Assert.Equal(ImportJobStatus.Failed, crashed.Status);
        Assert.Equal(21, crashed.RowsDone);

        // Started again, it resumes; a host shutting down cancels it after one more chunk.
        await h.Service.StartAsync(upload.JobId);
        using var cts = new CancellationTokenSource();
        var stopping = h.Runner(chunkSize: 7);
        stopping.AfterChunkCommitted = _ =>
        {
            cts.Cancel();
            return Task.CompletedTask;
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping.RunAsync(upload.JobId, ct: cts.Token));
        Assert.Equal(28, (await h.Service.GetStatusAsync(upload.JobId)).RowsDone);

        // The job still looks running; once its heartbeat is stale another worker claims it and finishes.
        var queue = new ImportJobQueue(h.Database.Database, h.Clock);
        Assert.Null(await queue.ClaimNextAsync("worker-2"));
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var claimed = await queue.ClaimNextAsync("worker-2");
        Assert.Equal(upload.JobId, claimed?.JobId);
        await h.Runner(chunkSize: 7).RunAsync(upload.JobId);
        var done = await h.Service.GetStatusAsync(upload.JobId);
        Assert.Equal(ImportJobStatus.Succeeded, done.Status);
        Assert.Equal(50, done.RowsDone);
        Assert.Equal(45, done.Created);
        Assert.Equal(5, done.Rejected);
        Assert.Equal(0, done.Unchanged + done.Updated);

        await using var db = h.Database.Open();
        Assert.Equal(45, await db.Set<Contact>().CountAsync());
        Assert.Equal(45, await db.Set<ContactEmail>().Select(e => e.Address).Distinct().CountAsync());
        var rejects = (await h.RejectsAsync(upload.JobId)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, rejects.Length); // header + one line per bad row, none twice
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Orders_load_lines_products_and_customers_once(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        const string retail =
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n" +
            "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n" +
            "536365,84406B,CREAM CUPID HEARTS COAT HANGER,8,2010-12-01 08:26:00,2.75,17850.0,United Kingdom\n" +
            "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom\n" +
            "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047.0,United Kingdom\n" +
            "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom\n" +
            "536370,22728,ALARM CLOCK BAKELIKE PINK,muchos,2010-12-01 08:45:00,3.75,12583.0,France\n" +
            "536371,22086,PAPER CHAIN KIT,80,2010-12-01 09:00:00,2.55,,United Kingdom\n";
        var first = await h.ImportAsync("online-retail.csv", retail, chunkSize: 2);
        Assert.Equal(7, first.Created);
        Assert.Equal(1, first.Rejected);

        await using (var db = h.Database.Open())
        {
            Assert.Equal(5, await db.Set<Order>().CountAsync());
            var order = await db.Set<Order>().Include(o => o.Lines).SingleAsync(o => o.ExternalId == "536365");
            Assert.Equal(3, order.Lines.Count); // a chunk of 2 never splits an order
            Assert.Equal(15.30m + 20.34m + 22.00m, order.Total);
            Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc), order.OrderedAt);
            Assert.True((await db.Set<Order>().SingleAsync(o => o.ExternalId == "C536379")).IsCancelled);
            Assert.Null((await db.Set<Order>().SingleAsync(o => o.ExternalId == "536371")).ContactId);
            Assert.Equal(3, await db.Set<Contact>().CountAsync());
            Assert.Equal(order.ContactId, (await db.Set<Contact>().SingleAsync(c => c.ExternalId == "17850")).Id);
            Assert.Equal(7, await db.Set<Product>().CountAsync());
            Assert.Equal(5, await db.Set<Interaction>().CountAsync(i => i.Type.StartsWith("order.")));
        }

        var again = await h.ImportAsync("online-retail.csv", retail, chunkSize: 3);
        Assert.Equal(0, again.Created);
        Assert.Equal(7, again.Unchanged);
        await using (var db = h.Database.Open())
        {
            Assert.Equal(7, await db.Set<OrderLine>().CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Events_land_on_the_timeline_once(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        await h.ImportAsync("c.csv", "Correo,Nombre\nana@ejemplo.mx,Ana\n");
        const string events =
            "Evento,Fecha,Correo,Canal,Página\n" +
            "web.page_viewed,2026-11-01 10:00:00,ana@ejemplo.mx,web,/ofertas\n" +
            "web.page_viewed,01/11/2026 10:05,desconocido@ejemplo.mx,web,/inicio\n" +
            ",2026-11-01 10:00:00,ana@ejemplo.mx,web,/x\n";
        var first = await h.ImportAsync("eventos.csv", events);
        Assert.Equal(2, first.Created);
        Assert.Equal(1, first.Rejected);
        Assert.Equal(1, first.Warnings);
        var again = await h.ImportAsync("eventos.csv", events);
        Assert.Equal(0, again.Created);
        Assert.Equal(2, again.Unchanged);

        await using var db = h.Database.Open();
        var viewed = await db.Set<Interaction>().Where(i => i.Type == "web.page_viewed").OrderBy(i => i.OccurredAt).ToListAsync();
        Assert.Equal(2, viewed.Count);
        Assert.NotNull(viewed[0].ContactId);
        Assert.Contains("/ofertas", viewed[0].Properties);
        Assert.Null(viewed[1].ContactId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Orders_and_events_of_a_merged_away_customer_land_on_the_survivor(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        await h.ImportAsync("c.csv", "ID cliente,Correo,Nombre\nC-1,ana@ejemplo.mx,Ana\nC-2,ana.ruiz@ejemplo.mx,Ana Ruiz\n");
        Guid survivor;
        await using (var db = h.Database.Open())
        {
            survivor = (await db.Set<Contact>().SingleAsync(c => c.ExternalId == "C-1")).Id;
            var loser = await db.Set<Contact>().SingleAsync(c => c.ExternalId == "C-2");
            loser.Status = ContactStatus.Merged;
            loser.MergedIntoId = survivor;
            await db.SaveChangesAsync();
        }

        var orders = await h.ImportAsync("pedidos.csv", "Pedido,Fecha,Cliente,SKU,Cantidad,Precio\nP-1,2026-11-01 10:00:00,C-2,MOCH-01,1,899\n");
        Assert.Equal(1, orders.Created);
        var events = await h.ImportAsync("eventos.csv", "Evento,Fecha,ID cliente,Canal\nweb.page_viewed,2026-11-01 10:00:00,C-2,web\n");
        Assert.Equal(1, events.Created);

        await using (var db = h.Database.Open())
        {
            Assert.Equal(survivor, (await db.Set<Order>().SingleAsync(o => o.ExternalId == "P-1")).ContactId);
            Assert.Equal(survivor, (await db.Set<Interaction>().SingleAsync(i => i.Type == "web.page_viewed")).ContactId);
            Assert.Equal(2, await db.Set<Contact>().CountAsync()); // nobody created for C-2
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Mailchimp_cleaned_export_marks_addresses_bounced_and_preview_shows_each_cell(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Ingestion", "Fixtures");
        var upload = await h.UploadAsync("mailchimp-unsubscribed.csv", await File.ReadAllTextAsync(Path.Combine(fixtures, "mailchimp-unsubscribed.csv")));
        var preview = await h.Service.PreviewAsync(upload.JobId, rows: 5);
        Assert.Equal(2, preview.Rows.Count);
        var last = preview.Rows[0].Cells.Single(c => c.Header == "Last Name");
        Assert.Equal("PÉREZ lópez", last.Raw);
        Assert.Equal("Pérez López", last.Value);
        Assert.Equal("06600", preview.Rows[0].Cells.Single(c => c.Header == "ZIP Code").Value);
        Assert.Contains("MEMBER_RATING", preview.IgnoredHeaders);

        await h.Service.SaveMappingAsync("Mailchimp", preview.Mapping);
        var cleaned = await h.UploadAsync("mailchimp-cleaned.csv", await File.ReadAllTextAsync(Path.Combine(fixtures, "mailchimp-cleaned.csv")));
        await h.Service.StartAsync(cleaned.JobId, mappingName: "Mailchimp");
        await h.Runner().RunAsync(cleaned.JobId);
        Assert.Equal(1, (await h.Service.GetStatusAsync(cleaned.JobId)).Created);
        await using var db = h.Database.Open();
        Assert.Equal(ChannelAddressStatus.HardBounced, (await db.Set<ContactEmail>().SingleAsync()).Status);
        Assert.Equal("Editors", (await db.Set<ContactTag>().SingleAsync()).Name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Mailchimp_opt_ins_and_unsubscribes_land_in_the_consent_ledger_once(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        var file = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Ingestion", "Fixtures", "mailchimp-unsubscribed.csv"));
        var first = await h.ImportAsync("mailchimp-unsubscribed.csv", file, chunkSize: 1);
        Assert.Equal(2, first.Created);

        await using (var db = h.Database.Open())
        {
            var ana = (await db.Set<ContactEmail>().SingleAsync(e => e.Address == "ana.perez@ejemplo.mx")).ContactId;
            var entries = await db.Set<ConsentRecord>().Where(r => r.ContactId == ana).OrderBy(r => r.OccurredAt).ToListAsync();
            Assert.Equal(2, entries.Count);
            Assert.All(entries, r => Assert.Equal((ConsentChannel.Email, ConsentPurpose.Marketing, "import"), (r.Channel, r.Purpose, r.Source)));
            // The double opt-in confirmation dates the grant; the unsubscribe, later, wins.
            Assert.Equal((ConsentStatus.Granted, new DateTime(2021, 3, 4, 10, 0, 1)), (entries[0].Status, entries[0].OccurredAt));
            Assert.Contains("confirmed 2021-03-04T10:00:01Z", entries[0].Evidence);
            Assert.Equal((ConsentStatus.Withdrawn, new DateTime(2023, 1, 2, 9, 30, 0)), (entries[1].Status, entries[1].OccurredAt));
            Assert.Equal(4, await db.Set<ConsentRecord>().CountAsync());
            Assert.Equal(4, await db.Set<AuditEntry>().CountAsync(e => e.Action.StartsWith("consent.")));
        }

        var again = await h.ImportAsync("mailchimp-unsubscribed.csv", file, chunkSize: 1);
        Assert.Equal(2, again.Unchanged);
        await using (var db = h.Database.Open())
        {
            Assert.Equal(4, await db.Set<ConsentRecord>().CountAsync());
        }

        // A minor's own opt-in is not consent: reported, not recorded; an unsubscribe always is.
        var minors = await h.ImportAsync("altas.csv",
            "Correo;Nombre;Fecha de nacimiento;Fecha de suscripción;Fecha de baja\n" +
            "nina@ejemplo.mx;Niña;2016-01-01;2026-01-05 10:00;\n" +
            "chico@ejemplo.mx;Chico;2015-06-01;;2026-02-01 08:00\n");
        Assert.Equal(2, minors.Created);
        Assert.Equal(1, minors.Warnings);
        Assert.Contains("guardian", await h.RejectsAsync(minors.JobId));
        await using (var db = h.Database.Open())
        {
            var nina = (await db.Set<ContactEmail>().SingleAsync(e => e.Address == "nina@ejemplo.mx")).ContactId;
            var chico = (await db.Set<ContactEmail>().SingleAsync(e => e.Address == "chico@ejemplo.mx")).ContactId;
            Assert.False(await db.Set<ConsentRecord>().AnyAsync(r => r.ContactId == nina));
            Assert.Equal(ConsentStatus.Withdrawn, (await db.Set<ConsentRecord>().SingleAsync(r => r.ContactId == chico)).Status);
        }
    }

    private static async Task<string> SnapshotAsync(ImportHarness h)
    {
        await using var db = h.Database.Open();
        var contacts = await db.Set<Contact>().AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id + c.DisplayName + c.UpdatedAt + c.BirthDate + c.CustomFields).ToListAsync();
        var emails = await db.Set<ContactEmail>().AsNoTracking().OrderBy(e => e.Id).Select(e => e.Address + e.ContactId).ToListAsync();
        var phones = await db.Set<ContactPhone>().AsNoTracking().OrderBy(e => e.Id).Select(e => e.Number + e.ContactId).ToListAsync();
        var addresses = await db.Set<PostalAddress>().AsNoTracking().CountAsync();
        var tags = await db.Set<ContactTag>().AsNoTracking().CountAsync();
        var memberships = await db.Set<OrganizationMembership>().AsNoTracking().OrderBy(m => m.Id).Select(m => m.ContactId + m.Title).ToListAsync();
        var organizations = await db.Set<Organization>().AsNoTracking().CountAsync();
        return string.Join("|", contacts.Concat(emails).Concat(phones).Concat(memberships)) + $"|{addresses}|{tags}|{organizations}";
    }
}
