using System.Security.Claims;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Hosting;

/// <summary>Claims that every authentication scheme (API key, signed-in user) puts on the principal.</summary>
public static class VinculoClaims
{
    /// <summary>The workspace the principal acts in now (the API key's, or the user's chosen one).</summary>
    public const string Workspace = "vinculo:workspace";

    /// <summary>The principal's role in that workspace, as a <see cref="WorkspaceRole"/> name, in <see cref="ClaimTypes.Role"/>.</summary>
    public const string Role = ClaimTypes.Role;

    public static Guid? WorkspaceId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Workspace), out var id) ? id : null;
}

/// <summary>
/// Authorization policies by what an operation does; every endpoint and page names one. Roles are per
/// workspace: Admin, Marketer, Analyst, Agent, Viewer.
/// </summary>
public static class Policies
{
    /// <summary>Any member of the workspace: read contacts, timeline, segments, reports.</summary>
    public const string Read = "vinculo.read";

    /// <summary>Create and change contacts, families, orders, events, consent: Admin, Marketer, Agent.</summary>
    public const string EditContacts = "vinculo.edit-contacts";

    /// <summary>Imports, segments, campaigns, journeys: Admin, Marketer.</summary>
    public const string Marketing = "vinculo.marketing";

    /// <summary>Analytics and exports of aggregates: Admin, Marketer, Analyst.</summary>
    public const string Analytics = "vinculo.analytics";

    /// <summary>Settings, API keys, users, privacy requests (export, erasure): Admin.</summary>
    public const string Admin = "vinculo.admin";

    public static IServiceCollection AddVinculoAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireClaim(VinculoClaims.Workspace).RequireRole(RoleNames(Enum.GetValues<WorkspaceRole>())))
            .AddPolicy(EditContacts, p => p.RequireClaim(VinculoClaims.Workspace).RequireRole(RoleNames(WorkspaceRole.Admin, WorkspaceRole.Marketer, WorkspaceRole.Agent)))
            .AddPolicy(Marketing, p => p.RequireClaim(VinculoClaims.Workspace).RequireRole(RoleNames(WorkspaceRole.Admin, WorkspaceRole.Marketer)))
            .AddPolicy(Analytics, p => p.RequireClaim(VinculoClaims.Workspace).RequireRole(RoleNames(WorkspaceRole.Admin, WorkspaceRole.Marketer, WorkspaceRole.Analyst)))
            .AddPolicy(Admin, p => p.RequireClaim(VinculoClaims.Workspace).RequireRole(RoleNames(WorkspaceRole.Admin)));
        return services;
    }

    private static string[] RoleNames(params WorkspaceRole[] roles) => [.. roles.Select(r => r.ToString())];

    /// <summary>Binds the request's <see cref="WorkspaceScope"/> to the authenticated principal's workspace.</summary>
    public static WebApplication UseWorkspaceScope(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.User.WorkspaceId() is { } workspaceId)
            {
                context.RequestServices.GetRequiredService<WorkspaceScope>().WorkspaceId = workspaceId;
                context.RequestServices.GetRequiredService<Vinculo.Audit.AuditActor>().Name = Api.AuditFilter.ActorName(context.User);
            }

            await next(context);
        });
        return app;
    }
}
