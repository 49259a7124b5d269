using Vinculo.App.Hosting;
using Vinculo.Workspaces;

namespace Vinculo.App.Api;

public sealed record WorkspaceView(Guid Id, string Name, string Slug, string CountryCode, int AgeOfMajority, string DefaultLocale, string TimeZone);

public static class WorkspaceEndpoints
{
    /// <summary>The workspace the API key belongs to: its country drives phone parsing and the age of majority.</summary>
    public static RouteGroupBuilder MapWorkspace(this RouteGroupBuilder v1)
    {
        v1.MapGet("/workspace", async (WorkspaceService service, CancellationToken ct) =>
            {
                var w = await service.GetCurrentAsync(ct);
                return TypedResults.Ok(new WorkspaceView(w.Id, w.Name, w.Slug, w.CountryCode, w.AgeOfMajority, w.DefaultLocale, w.TimeZone));
            })
            .RequireAuthorization(Policies.Read)
            .WithTags("Workspace")
            .WithName("GetWorkspace");
        return v1;
    }
}
