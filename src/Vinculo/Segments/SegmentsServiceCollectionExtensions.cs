using Microsoft.Extensions.DependencyInjection;
using Vinculo.Analytics;

namespace Vinculo.Segments;

public static class SegmentsServiceCollectionExtensions
{
    /// <summary>Segments (definitions, compiler, membership refresh) and the RFM lifecycle clusters they use.</summary>
    public static IServiceCollection AddSegments(this IServiceCollection services)
    {
        services.AddSingleton<SegmentSignals>();
        services.AddScoped<SegmentService>();
        services.AddScoped<SegmentRefresher>();
        services.AddScoped<RfmService>();
        services.AddScoped<LifecycleSegments>();
        return services;
    }
}
