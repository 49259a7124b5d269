using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vinculo.Privacy;

namespace Vinculo.Ingestion.Identity;

public static class IdentityResolution
{
    /// <summary>Duplicate detection, merge and unmerge; <paramref name="configure"/> sets thresholds and survivorship.</summary>
    public static IServiceCollection AddIdentityResolution(this IServiceCollection services, Action<IdentityOptions>? configure = null)
    {
        var options = new IdentityOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddScoped<ContactMergeService>();
        services.TryAddScoped<DuplicateDetectionService>();
        services.TryAddScoped<DuplicateCandidateQueries>();
        services.TryAddScoped<DuplicateReview>();
        services.TryAddSingleton<DetectionJobQueue>();
        services.TryAddScoped<DetectionJobService>();
        services.TryAddScoped<IdentitySettingsService>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPersonalDataEraser, IdentityEraser>());
        return services;
    }
}
