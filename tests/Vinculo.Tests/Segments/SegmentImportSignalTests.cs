using Vinculo.Ingestion.Mapping;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Tests.Ingestion;

namespace Vinculo.Tests.Segments;

/// <summary>The call importers make after each committed chunk, run from a real import's chunk hook.</summary>
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

        var marked = new List<int>();
        var upload = await h.UploadAsync("clientes.csv", "Nombre,Correo\nPersona Uno,uno@ejemplo.mx\nPersona Dos,dos@ejemplo.mx\nPersona Tres,tres@ejemplo.mx");
        await h.Service.StartAsync(upload.JobId);
        var runner = h.Runner(chunkSize: 2);
        runner.AfterChunkCommitted = async _ =>
        {
            await using var db = h.Contexts.CreateDbContext();
            marked.Add(await SegmentRefresher.MarkDirtyAsync(db, SegmentSignals.KindsOfImport(ImportTarget.Contacts)));
        };
        await runner.RunAsync(upload.JobId);

        // New contacts can enter any segment: the first chunk marks both, the second finds them marked.
        Assert.Collection(marked, first => Assert.Equal(2, first), second => Assert.Equal(0, second));
        var refreshed = await refresher.RefreshDueAsync(TimeSpan.FromDays(1));
        Assert.Equal(3, Assert.Single(refreshed, r => r.SegmentId == people.Id).Entered);
        Assert.Equal(0, Assert.Single(refreshed, r => r.SegmentId == clickers.Id).Entered);

        // An events import touches event segments only.
        await using (var db = h.Contexts.CreateDbContext())
        {
            Assert.Equal(1, await SegmentRefresher.MarkDirtyAsync(db, SegmentSignals.KindsOfImport(ImportTarget.Events)));
        }

        Assert.Equal(clickers.Id, Assert.Single(await refresher.DueAsync(TimeSpan.FromDays(1))));
    }
}
