using Microsoft.Extensions.DependencyInjection;

namespace Vinculo.Workspaces;

public static class WorkspacesServiceCollection
{
    public static IServiceCollection AddWorkspaces(this IServiceCollection services)
    {
        services.AddScoped<WorkspaceService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<WorkspaceTimeZone>();
        return services;
    }
}
