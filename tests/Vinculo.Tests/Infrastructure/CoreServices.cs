using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vinculo.Storage;

namespace Vinculo.Tests.Infrastructure;

/// <summary>
/// The real core services over a <see cref="TestDatabase"/>, bound to its workspace, with a fake clock.
/// Get services with <see cref="Get{T}"/>; each call shares one DI scope.
/// </summary>
public sealed class CoreServices : IAsyncDisposable
{
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private CoreServices(TestDatabase database, FakeTimeProvider time)
    {
        Database = database;
        Time = time;
        var services = new ServiceCollection();
        services.AddSingleton(database.Database);
        services.AddSingleton<TimeProvider>(time);
        services.AddScoped<WorkspaceScope>();
        services.AddScoped<IDbContextFactory<VinculoDbContext>, ScopedDbContextFactory>();
        services.AddVinculoCore();
        _root = services.BuildServiceProvider(validateScopes: true);
        _scope = _root.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = database.Workspace.Id;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Default "now" of core tests: 30 Nov 2026, noon UTC (morning in Mexico City).</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static async Task<CoreServices> CreateAsync(StorageProvider provider, DateTimeOffset? now = null) =>
        new(await TestDatabase.CreateAsync(provider), new FakeTimeProvider(now ?? DefaultNow));

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public VinculoDbContext Open() => Database.Open();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
        await Database.DisposeAsync();
    }
}
