using Vinculo.Ingestion.Mapping;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Tests.Ingestion;

namespace Vinculo.Tests.Segments;

/// <summary>Imports mark the segments their target feeds, in the chunk's transaction.</summary>
public sealed class SegmentImportSignalTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_committed_import_chunk_marks_the_segments_its_target_feeds(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        var segments = new SegmentService(h.Contexts, h.Clock);
        var refresher = new SegmentRefresher(h.Contexts, h.Clock);
        var people = await segments.CreateAsync(new SegmentInput("Personas", null, new SegmentDefinition { Root = new AttributeCondition("display_name", TextOperator.Contains, "persona") }));
        var clickers = await segments.CreateAsync(new SegmentInput("Clics", null, new SegmentDefinition { Root = new EventCondition("email.clicked") }));
        await refresher.RefreshDueAsync(TimeSpan.FromDays(1));

        var file = "Nombre,Correo\nPersona Uno,uno@ejemplo.mx\nPersona Dos,dos@ejemplo.mx\nPersona Tres,tres@ejemplo.mx";
        await h.ImportAsync("clientes.csv", file, chunkSize: 2);

        // New contacts can enter any segment: the import marked both in the database, for whichever process refreshes.
        Assert.Equal(new[] { clickers.Id, people.Id }.Order(), (await refresher.DueAsync(TimeSpan.FromDays(1))).Order());
        var refreshed = await refresher.RefreshDueAsync(TimeSpan.FromDays(1));
        Assert.Equal(3, Assert.Single(refreshed, r => r.SegmentId == people.Id).Entered);
        Assert.Equal(0, Assert.Single(refreshed, r => r.SegmentId == clickers.Id).Entered);

        // Running the same file again changes nothing, so nothing is marked.
        Assert.Equal(3, (await h.ImportAsync("clientes.csv", file, chunkSize: 2)).Unchanged);
        Assert.Empty(await refresher.DueAsync(TimeSpan.FromDays(1)));

        // An events import touches event segments only.
        await using (var db = h.Contexts.CreateDbContext())
        {
            Assert.Equal(1, await SegmentRefresher.MarkDirtyAsync(db, SegmentSignals.KindsOfImport(ImportTarget.Events)));
        }

        Assert.Equal(clickers.Id, Assert.Single(await refresher.DueAsync(TimeSpan.FromDays(1))));
    }
}
