using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vinculo.Privacy;

namespace Vinculo.Hygiene;

public static class HygieneServiceCollectionExtensions
{
    /// <summary>The hygiene runs and their reviewable lists; the schedule is the host's (Workers/HygieneSchedule).</summary>
    public static IServiceCollection AddHygiene(this IServiceCollection services)
    {
        services.AddOptions<HygieneOptions>();
        services.TryAddScoped<HygieneService>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPersonalDataEraser, HygieneEraser>());
        return services;
    }
}
