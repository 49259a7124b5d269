using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Vinculo.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.TryAddScoped<AuditActor>();
        services.TryAddScoped<AuditLog>();
        services.TryAddScoped<AuditSearch>();
        return services;
    }
}
