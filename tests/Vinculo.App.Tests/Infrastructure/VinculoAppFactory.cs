using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vinculo.App.Hosting;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Infrastructure;

/// <summary>
/// The whole host (Program) in memory over a fresh migrated database on either provider, with a
/// Mexican workspace and an Admin API key. <see cref="CreateApiClient"/> gives a client that sends a key.
/// Dispose it to drop the database.
/// </summary>
public sealed class VinculoAppFactory : WebApplicationFactory<Program>
{
    private VinculoAppFactory(TestDatabase database, FakeTimeProvider? time)
    {
        Database = database;
        Time = time;
    }

    public TestDatabase Database { get; }

    /// <summary>A private folder for uploaded import files and rejects, removed with the factory.</summary>
    public string ImportsPath { get; } = Path.Combine(Path.GetTempPath(), "vinculo-tests", "imports-" + Guid.NewGuid().ToString("N"));

    public Workspace Workspace => Database.Workspace;

    /// <summary>Set when the factory was made with a fake clock; the host's TimeProvider is then this one.</summary>
    public FakeTimeProvider? Time { get; }

    /// <summary>An Admin key of <see cref="Workspace"/>.</summary>
    public string AdminKey { get; private set; } = "";

    public static async Task<VinculoAppFactory> CreateAsync(StorageProvider provider = StorageProvider.Sqlite, FakeTimeProvider? time = null)
    {
        var factory = new VinculoAppFactory(await TestDatabase.CreateAsync(provider), time);
        factory.AdminKey = await factory.CreateKeyAsync(WorkspaceRole.Admin, "tests admin");
        return factory;
    }

    /// <summary>A client that sends <paramref name="apiKey"/> (the Admin key by default; "" for none) in X-Api-Key.</summary>
    public HttpClient CreateApiClient(string? apiKey = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var key = apiKey ?? AdminKey;
        if (key.Length > 0)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, key);
        }

        return client;
    }

    /// <summary>Creates a key with this role in the workspace and returns its secret.</summary>
    public Task<string> CreateKeyAsync(WorkspaceRole role, string name = "tests") =>
        InWorkspaceAsync(async services => (await services.GetRequiredService<ApiKeyService>().CreateAsync(name, role)).Secret);

    /// <summary>Runs <paramref name="work"/> with the host's services in a scope bound to the test workspace.</summary>
    public async Task<T> InWorkspaceAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = Workspace.Id;
        return await work(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Vinculo", Database.Database.ConnectionString);
        // Scheduled jobs would fire at unpredictable moments; tests run them explicitly.
        builder.UseSetting("Hygiene:Schedule:Enabled", "false");
        builder.UseSetting("Vinculo:ImportsPath", ImportsPath);
        builder.UseSetting("Segments:Refresh:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Database.Database);
            if (Time is not null)
            {
                services.AddSingleton<TimeProvider>(Time);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(ImportsPath))
        {
            Directory.Delete(ImportsPath, recursive: true);
        }
    }
}
