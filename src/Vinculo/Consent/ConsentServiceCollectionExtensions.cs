using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Vinculo.Consent;

public static class ConsentServiceCollectionExtensions
{
    /// <summary>The consent ledger, the minors policy (recipient resolver) and the age-out job.</summary>
    public static IServiceCollection AddConsent(this IServiceCollection services)
    {
        services.TryAddScoped<ConsentLedger>();
        services.TryAddScoped<RecipientResolver>();
        services.TryAddScoped<AgeOutService>();
        return services;
    }
}
