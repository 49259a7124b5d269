using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.App.Tests.Infrastructure;
using Vinculo.App.Workers;
using Vinculo.Contacts;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Segments;

/// <summary>The segments API over HTTP against the whole host, on both providers.</summary>
public sealed class SegmentApiTests
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private const string Readers = """{"version":1,"root":{"kind":"and","conditions":[{"kind":"event","type":"email.opened","op":"gte","count":2,"withinDays":30}]}}""";

    private static async Task SeedAsync(VinculoAppFactory app)
    {
        await using var db = app.Database.Open();
        var now = DateTime.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            var c = new Contact { DisplayName = "Cliente " + i, CreatedAt = now, UpdatedAt = now, BirthDate = new DateOnly(1990 + i, 1, 1) };
            db.Add(c);
            db.AddRange(Enumerable.Range(0, i).Select(_ => new Interaction { ContactId = c.Id, Type = "email.opened", OccurredAt = now.AddDays(-1), RecordedAt = now }));
        }

        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_preview_refresh_and_list_members_of_a_segment(StorageProvider provider)
    {
        await using var app = await VinculoAppFactory.CreateAsync(provider);
        await SeedAsync(app);
        using var client = app.CreateApiClient();

        var preview = await client.PostAsync("/api/v1/segments/preview", Body($$"""{"definition":{{Readers}},"sample":2}"""));
        Assert.True(preview.StatusCode == HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        var previewJson = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, previewJson.GetProperty("count").GetInt32());
        Assert.Equal(2, previewJson.GetProperty("sample").GetArrayLength());

        var bad = await client.PostAsync("/api/v1/segments/preview",
            Body("""{"definition":{"root":{"kind":"and","conditions":[{"kind":"age","min":60,"max":20}]}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("definition.root.conditions[0]", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await client.PostAsync("/api/v1/segments", Body($$"""{"name":"Lectores","definition":{{Readers}}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/v1/segments", Body($$"""{"name":"Lectores","definition":{{Readers}}}"""))).StatusCode);

        var refresh = await client.PostAsync($"/api/v1/segments/{id}/refresh", null);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(3, (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entered").GetInt32());

        var members = await client.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{id}/members?pageSize=2");
        Assert.Equal(3, members.GetProperty("total").GetInt32());
        Assert.Equal(2, members.GetProperty("items").GetArrayLength());

        var updated = await client.PutAsync($"/api/v1/segments/{id}", Body("""{"name":"Lectores","definition":{"root":{"kind":"age","min":30}}}"""));
        Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{id}/revisions")).GetArrayLength());
        Assert.Equal(5, (await client.GetFromJsonAsync<JsonElement>("/api/v1/segments/lifecycle")).GetProperty("contacts").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/segments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/segments/{id}")).StatusCode);
    }

    [Fact]
    public async Task Analysts_may_preview_but_only_marketers_change_segments_and_signals_trigger_refresh()
    {
        await using var app = await VinculoAppFactory.CreateAsync();
        await SeedAsync(app);
        using var viewer = app.CreateApiClient(await app.CreateKeyAsync(WorkspaceRole.Viewer));
        using var analyst = app.CreateApiClient(await app.CreateKeyAsync(WorkspaceRole.Analyst));
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync("/api/v1/segments/preview", Body($$"""{"definition":{{Readers}}}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/segments/preview", Body($$"""{"definition":{{Readers}}}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/v1/segments", Body($$"""{"name":"X","definition":{{Readers}}}"""))).StatusCode);

        using var admin = app.CreateApiClient();
        var created = await admin.PostAsync("/api/v1/segments", Body($$"""{"name":"Lectores","definition":{{Readers}}}"""));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // One worker pass refreshes the new (dirty) segment; an event signal marks it dirty again for the next pass.
        var worker = new SegmentRefreshWorker(app.Services, app.Services.GetRequiredService<SegmentSignals>(),
            Microsoft.Extensions.Options.Options.Create(new SegmentRefreshOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<SegmentRefreshWorker>.Instance);
        await worker.TickAsync(CancellationToken.None);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{id}")).GetProperty("isDirty").GetBoolean());
        Assert.Equal(3, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{id}/members")).GetProperty("total").GetInt32());

        await using (var db = app.Database.Open())
        {
            var contact = db.Set<Contact>().First(c => c.DisplayName == "Cliente 1");
            db.Add(new Interaction { ContactId = contact.Id, Type = "email.opened", OccurredAt = DateTime.UtcNow, RecordedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        app.Services.GetRequiredService<SegmentSignals>().Changed(app.Workspace.Id, SegmentSignals.KindOfEvent("email.opened"));
        await worker.TickAsync(CancellationToken.None);
        Assert.Equal(4, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{id}/members")).GetProperty("total").GetInt32());
    }
}
