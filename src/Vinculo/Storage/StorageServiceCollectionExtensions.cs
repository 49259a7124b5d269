using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Vinculo.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The database (from VINCULO_DB / ConnectionStrings:Vinculo), the per-scope workspace and the context factory.</summary>
    public static IServiceCollection AddVinculoStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => VinculoDatabase.FromConfiguration(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<WorkspaceScope>();
        services.TryAddScoped<IDbContextFactory<VinculoDbContext>, ScopedDbContextFactory>();
        return services;
    }
}
