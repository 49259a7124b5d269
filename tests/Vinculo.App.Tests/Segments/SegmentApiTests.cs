using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vinculo.App.Tests.Account;
using Vinculo.App.Tests.Browser;
using Vinculo.Contacts;
using Vinculo.Timeline;

namespace Vinculo.App.Tests.Segments;

/// <summary>The segments API over HTTP against the real app, signed in as the workspace admin.</summary>
public sealed class SegmentApiTests : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Create_preview_refresh_and_list_members_of_a_segment()
    {
        await using (var db = _app.Database.Open(_app.Workspace.Id))
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 5; i++)
            {
                var c = new Contact { DisplayName = "Cliente " + i, CreatedAt = now, UpdatedAt = now, BirthDate = new DateOnly(1990 + i, 1, 1) };
                db.Add(c);
                db.AddRange(Enumerable.Range(0, i).Select(_ => new Interaction { ContactId = c.Id, Type = "email.opened", OccurredAt = now.AddDays(-1), RecordedAt = now }));
            }

            await db.SaveChangesAsync();
        }

        using var anonymous = SignInClient.Create(_app);
        Assert.False((await anonymous.GetAsync("/api/v1/segments")).IsSuccessStatusCode);

        using var client = SignInClient.Create(_app);
        await SignInClient.PostLoginAsync(client, RunningApp.AdminEmail, RunningApp.AdminPassword);

        const string definition = """{"version":1,"root":{"kind":"and","conditions":[{"kind":"event","type":"email.opened","op":"gte","count":2,"withinDays":30}]}}""";
        var preview = await client.PostAsync("/api/v1/segments/preview", Body($$"""{"definition":{{definition}},"sample":2}"""));
        Assert.True(preview.StatusCode == HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        var previewJson = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, previewJson.GetProperty("count").GetInt32());
        Assert.Equal(2, previewJson.GetProperty("sample").GetArrayLength());

        var bad = await client.PostAsync("/api/v1/segments/preview",
            Body("""{"definition":{"root":{"kind":"and","conditions":[{"kind":"age","min":60,"max":20}]}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("definition.root.conditions[0]", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await client.PostAsync("/api/v1/segments", Body($$"""{"name":"Lectores","definition":{{definition}}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/v1/segments", Body($$"""{"name":"Lectores","definition":{{definition}}}"""))).StatusCode);

        var refresh = await client.PostAsync($"/api/v1/segments/{id}/refresh", null);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(3, (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entered").GetInt32());

        var members = await client.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{id}/members?pageSize=2");
        Assert.Equal(3, members.GetProperty("total").GetInt32());
        Assert.Equal(2, members.GetProperty("items").GetArrayLength());

        var updated = await client.PutAsync($"/api/v1/segments/{id}", Body("""{"name":"Lectores","definition":{"root":{"kind":"age","min":30}}}"""));
        Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var revisions = await client.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{id}/revisions");
        Assert.Equal(2, revisions.GetArrayLength());

        var lifecycle = await client.GetFromJsonAsync<JsonElement>("/api/v1/segments/lifecycle");
        Assert.Equal(5, lifecycle.GetProperty("contacts").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/segments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/segments/{id}")).StatusCode);
    }
}
