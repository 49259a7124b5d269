using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vinculo.App.Tests.Infrastructure;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Identity;

/// <summary>The workspace's survivorship policy through the API: everyone reads it, only Admins change it.</summary>
public sealed class SurvivorshipApiTests
{
    [Fact]
    public async Task Admins_save_the_policy_others_are_refused_and_bad_fields_are_400()
    {
        await using var factory = await VinculoAppFactory.CreateAsync();
        var body = new { @default = "Oldest", fields = new Dictionary<string, string> { ["givenNames"] = "Longest" }, sourcePriority = new[] { "pos", "ecommerce" } };

        var marketer = factory.CreateApiClient(await factory.CreateKeyAsync(WorkspaceRole.Marketer));
        using (var refused = await marketer.PutAsJsonAsync("/api/v1/identity/survivorship", body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal("MostRecent", (await marketer.GetFromJsonAsync<JsonElement>("/api/v1/identity/survivorship")).GetProperty("default").GetString());

        var admin = factory.CreateApiClient();
        using (var bad = await admin.PutAsJsonAsync("/api/v1/identity/survivorship", new { @default = "Oldest", fields = new Dictionary<string, string> { ["shoeSize"] = "Longest" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var saved = await admin.PutAsJsonAsync("/api/v1/identity/survivorship", body))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var policy = await marketer.GetFromJsonAsync<JsonElement>("/api/v1/identity/survivorship");
        Assert.Equal("Oldest", policy.GetProperty("default").GetString());
        Assert.Equal("Longest", policy.GetProperty("fields").GetProperty("givenNames").GetString());
        Assert.Equal(["pos", "ecommerce"], policy.GetProperty("sourcePriority").EnumerateArray().Select(s => s.GetString()));
    }
}
