using Microsoft.Extensions.DependencyInjection;
using Vinculo.Analytics;
using Vinculo.Workspaces;

namespace Vinculo;

public static class VinculoCore
{
    /// <summary>The core services of every capability; each capability adds one line here.</summary>
    public static IServiceCollection AddVinculoCore(this IServiceCollection services)
    {
        services.AddWorkspaceMemberships();
        services.AddDashboard();
        return services;
    }
}
