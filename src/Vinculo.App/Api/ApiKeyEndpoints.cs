using Vinculo.App.Hosting;
using Vinculo.Workspaces;

namespace Vinculo.App.Api;

public sealed record ApiKeyRequest(string Name, WorkspaceRole Role = WorkspaceRole.Admin);

public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/api-keys").WithTags("API keys");

        keys.MapGet("/", async (ApiKeyService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("ListApiKeys");

        keys.MapPost("/", async (ApiKeyService service, ApiKeyRequest request, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(request.Name, request.Role, ct);
                return TypedResults.Created($"/api/v1/api-keys/{created.Key.Id}", created);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateApiKey")
            .WithSummary("The secret is in this response only; store it now.")
            .ProducesValidationProblem();

        keys.MapDelete("/{id:guid}", async (ApiKeyService service, Guid id, CancellationToken ct) =>
            {
                await service.RevokeAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("RevokeApiKey");

        return v1;
    }
}
