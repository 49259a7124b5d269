using Microsoft.Extensions.DependencyInjection;
using Vinculo.Audit;
using Vinculo.Consent;
using Vinculo.Segments;

namespace Vinculo;

public static class VinculoCore
{
    /// <summary>The core services of every capability; each capability adds one line here.</summary>
    public static IServiceCollection AddVinculoCore(this IServiceCollection services)
    {
        services.AddConsent();
        services.AddAudit();
        services.AddSegments();
        return services;
    }
}
