using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Import;
using Vinculo.Ingestion.Jobs;
using Vinculo.Ingestion.Normalization;

namespace Vinculo;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>Imports and normalization rules. Files live under Vinculo:ImportsPath (default ./data/imports).</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new ImportFiles(sp.GetService<IConfiguration>()?["Vinculo:ImportsPath"] ?? ImportFiles.DefaultRoot));
        services.TryAddSingleton<ImportJobQueue>();
        services.TryAddScoped<NormalizationRules>();
        services.TryAddScoped<ImportService>();
        services.TryAddScoped<ImportRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Privacy.IPersonalDataEraser, ImportFilesEraser>());
        return services;
    }
}
