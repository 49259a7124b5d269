using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.App.Hosting;
using Vinculo.App.Tests.Infrastructure;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Api;

public sealed class ApiTests
{
    private static readonly object Maria = new
    {
        givenNames = "maría",
        paternalSurname = "López",
        maternalSurname = "García",
        birthDate = "1990-05-17",
        emails = new[] { new { address = "Maria.Lopez@Example.com" } },
        phones = new[] { new { number = "+52 55 1234 5678", label = "mobile" } },
        tags = new[] { "vip" },
    };

    private static readonly string[] Sizes = ["CH", "M", "G"];

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task A_key_sees_only_its_own_workspace()
    {
        await using var app = await VinculoAppFactory.CreateAsync();
        var own = app.CreateApiClient();
        var created = await JsonAsync(await own.PostAsJsonAsync("/api/v1/contacts", Maria));
        var id = created["id"]!.GetValue<string>();

        var otherKey = await app.InWorkspaceAsync(async services =>
        {
            var other = await services.GetRequiredService<WorkspaceService>().CreateAsync(new WorkspaceInput("Otra marca", "otra-marca"));
            services.GetRequiredService<WorkspaceScope>().WorkspaceId = other.Id;
            return (await services.GetRequiredService<ApiKeyService>().CreateAsync("other", WorkspaceRole.Admin)).Secret;
        });
        var stranger = app.CreateApiClient(otherKey);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/contacts/{id}")).StatusCode);
        Assert.Equal(0L, (await JsonAsync(await stranger.GetAsync("/api/v1/contacts?q=maria")))["total"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/v1/contacts/{id}")).StatusCode);
    }

    [Fact]
    public async Task Without_a_valid_key_the_api_answers_401()
    {
        await using var app = await VinculoAppFactory.CreateAsync();
        using var anonymous = app.CreateApiClient("");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/contacts")).StatusCode);

        using var wrong = app.CreateApiClient("vk_" + new string('x', 43));
        var response = await wrong.GetAsync("/api/v1/contacts");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        using var bearer = app.CreateApiClient("");
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", app.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/contacts")).StatusCode);
        var workspace = await JsonAsync(await bearer.GetAsync("/api/v1/workspace"));
        Assert.Equal(app.Workspace.Slug, workspace["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_viewer_key_reads_but_may_not_write_and_a_revoked_key_stops_working()
    {
        await using var app = await VinculoAppFactory.CreateAsync();
        var viewerKey = await app.CreateKeyAsync(WorkspaceRole.Viewer, "viewer");
        using var viewer = app.CreateApiClient(viewerKey);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/v1/contacts", Maria)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/api-keys")).StatusCode);

        using var admin = app.CreateApiClient();
        var keys = (await JsonAsync(await admin.GetAsync("/api/v1/api-keys"))).AsArray();
        var viewerId = keys.Single(k => k!["name"]!.GetValue<string>() == "viewer")!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-keys/{viewerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/v1/contacts")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contacts_round_trip_create_read_search_by_national_phone_update_delete(StorageProvider provider)
    {
        await using var app = await VinculoAppFactory.CreateAsync(provider);
        using var client = app.CreateApiClient();

        var created = await client.PostAsJsonAsync("/api/v1/contacts", Maria);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var id = body["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/contacts/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("María López García", body["displayName"]!.GetValue<string>());
        Assert.Equal("+525512345678", body["phones"]![0]!["number"]!.GetValue<string>());
        Assert.Equal("Active", body["status"]!.GetValue<string>());

        var read = await JsonAsync(await client.GetAsync($"/api/v1/contacts/{id}"));
        Assert.Equal("maria.lopez@example.com", read["emails"]![0]!["address"]!.GetValue<string>());

        var byPhone = await JsonAsync(await client.GetAsync("/api/v1/contacts?phone=" + Uri.EscapeDataString("55 1234 5678")));
        Assert.Equal(1, byPhone["total"]!.GetValue<long>());
        Assert.Equal(id, byPhone["items"]![0]!["id"]!.GetValue<string>());
        var byText = await JsonAsync(await client.GetAsync("/api/v1/contacts?q=maria%20garcia&tag=vip"));
        Assert.Equal(1, byText["total"]!.GetValue<long>());

        var updated = await client.PutAsJsonAsync($"/api/v1/contacts/{id}", new { givenNames = "María Fernanda", paternalSurname = "López", emails = new[] { new { address = "mf@example.mx" } } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await JsonAsync(updated);
        Assert.Equal("María Fernanda López", after["displayName"]!.GetValue<string>());
        Assert.Empty(after["phones"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/contacts/{id}")).StatusCode);
        var gone = await client.GetAsync($"/api/v1/contacts/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_input_gets_400_problem_details_naming_each_field_and_nothing_is_written()
    {
        await using var app = await VinculoAppFactory.CreateAsync();
        using var client = app.CreateApiClient();

        var response = await client.PostAsJsonAsync("/api/v1/contacts", new
        {
            givenNames = "Ana",
            emails = new[] { new { address = "not-an-email" } },
            phones = new[] { new { number = "12" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Contains("is not an email address", problem["errors"]!["emails[0].address"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(problem["errors"]!["phones[0].number"]);

        var malformed = await client.PostAsync("/api/v1/contacts", new StringContent("{\"givenNames\": \"Ana\", \"birthDate\": \"yesterday\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotNull((await JsonAsync(malformed))["errors"]!["birthDate"]);

        var truncated = await client.PostAsync("/api/v1/contacts", new StringContent("{\"givenNames\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);

        await using var db = app.Database.Open();
        Assert.Equal(0, await db.Set<Contact>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Event_batches_are_idempotent_and_a_bad_batch_writes_nothing(StorageProvider provider)
    {
        await using var app = await VinculoAppFactory.CreateAsync(provider);
        using var client = app.CreateApiClient();
        var contactId = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", Maria)))["id"]!.GetValue<string>();
        var batch = new
        {
            events = new object[]
            {
                new { type = "web.page_viewed", contactId, channel = "web", idempotencyKey = "evt-1", properties = new { url = "/ofertas" } },
                new { type = "pos.ticket", contactId, channel = "pos", idempotencyKey = "evt-2", occurredAt = "2026-11-01T18:30:00-06:00" },
            },
        };

        var first = await client.PostAsJsonAsync("/api/v1/events/batch", batch);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await JsonAsync(first))["created"]!.GetValue<int>());
        var second = await JsonAsync(await client.PostAsJsonAsync("/api/v1/events/batch", batch));
        Assert.Equal(0, second["created"]!.GetValue<int>());
        Assert.Equal(2, second["duplicates"]!.GetValue<int>());

        var single = await client.PostAsJsonAsync("/api/v1/events", new { type = "web.page_viewed", contactId, idempotencyKey = "evt-1" });
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var fresh = await client.PostAsJsonAsync("/api/v1/events", new { type = "email.opened", contactId, channel = "email", idempotencyKey = "evt-3" });
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);

        var bad = await client.PostAsJsonAsync("/api/v1/events/batch", new
        {
            events = new object[]
            {
                new { type = "web.page_viewed", contactId, idempotencyKey = "evt-4" },
                new { type = "", contactId },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await JsonAsync(bad))["errors"]!["events[1].type"]);

        var timeline = await JsonAsync(await client.GetAsync($"/api/v1/contacts/{contactId}/timeline"));
        Assert.Equal(3, timeline["total"]!.GetValue<long>());
        Assert.Equal("email.opened", timeline["items"]![0]!["type"]!.GetValue<string>());
        var posOnly = await JsonAsync(await client.GetAsync($"/api/v1/contacts/{contactId}/timeline?channel=pos"));
        Assert.Equal("pos.ticket", Assert.Single(posOnly["items"]!.AsArray())!["type"]!.GetValue<string>());

        await using var db = app.Database.Open();
        Assert.Equal(3, await db.Set<Interaction>().CountAsync());
        Assert.False(await db.Set<Interaction>().AnyAsync(i => i.IdempotencyKey == "evt-4"));
    }

    [Fact]
    public async Task Organizations_guardians_custom_fields_and_orders_work_through_the_api()
    {
        await using var app = await VinculoAppFactory.CreateAsync();
        using var client = app.CreateApiClient();

        var field = await client.PostAsJsonAsync("/api/v1/custom-fields", new { key = "talla", label = "Talla", type = "Choice", allowedValues = Sizes });
        Assert.Equal(HttpStatusCode.Created, field.StatusCode);
        var refused = await client.PostAsJsonAsync("/api/v1/contacts", new { givenNames = "Luis", customFields = new { talla = "XL" } });
        Assert.NotNull((await JsonAsync(refused))["errors"]!["customFields.talla"]);

        var mother = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { givenNames = "Laura", birthDate = "1985-01-01", customFields = new { talla = "m" } })))["id"]!.GetValue<string>();
        var child = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { givenNames = "Diego", birthDate = "2016-06-01" })))["id"]!.GetValue<string>();
        var link = await client.PostAsJsonAsync("/api/v1/guardian-links", new { guardianId = mother, minorId = child, relationship = "Mother" });
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        var backwards = await client.PostAsJsonAsync("/api/v1/guardian-links", new { guardianId = child, minorId = mother, relationship = "Mother" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        var guardians = (await JsonAsync(await client.GetAsync($"/api/v1/contacts/{child}/guardians"))).AsArray();
        Assert.Equal(mother, Assert.Single(guardians)!["personId"]!.GetValue<string>());
        var children = (await JsonAsync(await client.GetAsync($"/api/v1/contacts/{mother}/children"))).AsArray();
        Assert.True(Assert.Single(children)!["isMinor"]!.GetValue<bool>());

        var organization = (await JsonAsync(await client.PostAsJsonAsync("/api/v1/organizations", new { name = "Acme", domain = "acme.mx", employeeCount = 30 })))["id"]!.GetValue<string>();
        var member = await client.PostAsJsonAsync($"/api/v1/organizations/{organization}/members", new { contactId = mother, role = "Compras", title = "Directora", isDecisionMaker = true });
        Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        Assert.Equal("Acme", (await JsonAsync(await client.GetAsync($"/api/v1/contacts/{mother}/organizations")))[0]!["organizationName"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/products", new { sku = "TEN-1", name = "Tenis", price = 999.5 })).StatusCode);
        var order = await client.PostAsJsonAsync("/api/v1/orders", new { contactId = mother, externalId = "T-1", channel = "Store", lines = new[] { new { sku = "TEN-1", quantity = 2 } } });
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.Equal(1999m, (await JsonAsync(order))["total"]!.GetValue<decimal>());
        var repeat = await client.PostAsJsonAsync("/api/v1/orders", new { contactId = mother, externalId = "T-1", channel = "Store", lines = new[] { new { sku = "TEN-1", quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        var products = (await JsonAsync(await client.GetAsync($"/api/v1/contacts/{mother}/products"))).AsArray();
        Assert.Equal("Tenis", Assert.Single(products)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_key_and_health_is_served()
    {
        await using var app = await VinculoAppFactory.CreateAsync();
        using var client = app.CreateApiClient("");

        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await JsonAsync(response);
        Assert.NotNull(document["paths"]!["/api/v1/contacts"]);
        Assert.NotNull(document["paths"]!["/api/v1/events/batch"]);
        Assert.Equal("X-Api-Key", document["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>());

        var scalar = await client.GetAsync("/scalar");
        if (scalar.StatusCode == HttpStatusCode.Found)
        {
            scalar = await client.GetAsync(scalar.Headers.Location);
        }

        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("Vinculo API", await scalar.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_api_endpoint_names_a_vinculo_policy_and_writes_need_more_than_read()
    {
        await using var app = await VinculoAppFactory.CreateAsync();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            var name = $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";
            var policy = Assert.Single(policies, p => p!.StartsWith("vinculo.", StringComparison.Ordinal));
            var isRead = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.SequenceEqual(["GET"]) == true;
            Assert.True(isRead || policy != Policies.Read, $"{name} writes with the Read policy");
        }

        var agentKey = await app.CreateKeyAsync(WorkspaceRole.Agent, "agent");
        using var agent = app.CreateApiClient(agentKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/v1/custom-fields", new { key = "x", label = "X", type = "Text" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync("/api/v1/contacts", Maria)).StatusCode);
    }
}
