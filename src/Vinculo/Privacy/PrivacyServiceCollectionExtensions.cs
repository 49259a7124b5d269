using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Vinculo.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Data-subject rights: export, rectification, blocking, erasure, objection.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.TryAddScoped<PrivacyService>();
        return services;
    }
}
