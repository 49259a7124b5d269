using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Vinculo.App.Hosting;

namespace Vinculo.App.Tests.Identity;

public sealed class IdentityEndpointsTests
{
    [Fact]
    public async Task Identity_endpoints_build_and_name_their_policies()
    {
        await using var app = WebHost.Build([]);

        // Reading the endpoints builds every request delegate, so a parameter that cannot bind fails here.
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/identity", StringComparison.Ordinal) == true)
            .ToDictionary(e => $"{string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText}", e => e.Metadata.GetMetadata<IAuthorizeData>()?.Policy);

        Assert.Equal(Policies.Read, endpoints["GET /api/v1/identity/candidates"]);
        Assert.Equal(Policies.Read, endpoints["GET /api/v1/identity/candidates/{id:guid}"]);
        Assert.Equal(Policies.EditContacts, endpoints["POST /api/v1/identity/candidates/{id:guid}/merge"]);
        Assert.Equal(Policies.EditContacts, endpoints["POST /api/v1/identity/candidates/{id:guid}/dismiss"]);
        Assert.Equal(Policies.EditContacts, endpoints["POST /api/v1/identity/merges"]);
        Assert.Equal(Policies.Read, endpoints["GET /api/v1/identity/merges/{id:guid}"]);
        Assert.Equal(Policies.EditContacts, endpoints["POST /api/v1/identity/merges/{id:guid}/unmerge"]);
        Assert.Equal(Policies.EditContacts, endpoints["POST /api/v1/identity/detect"]);
        Assert.Equal(Policies.Read, endpoints["GET /api/v1/identity/jobs"]);
        Assert.Equal(Policies.Read, endpoints["GET /api/v1/identity/jobs/{id:guid}"]);
        Assert.Equal(Policies.Read, endpoints["GET /api/v1/identity/survivorship"]);
        Assert.Equal(Policies.Admin, endpoints["PUT /api/v1/identity/survivorship"]);
        Assert.Equal(12, endpoints.Count);
    }
}
