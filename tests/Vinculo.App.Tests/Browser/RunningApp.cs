using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.App.Users;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Browser;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 on a free port, over a fresh SQLite file, with a workspace
/// and an admin who can sign in. What browsers and HTTP clients in tests talk to.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    public const string AdminEmail = "admin@vinculo.test";
    public const string AdminPassword = "correct horse battery staple";

    private readonly WebApplication _app;
    private readonly string _folder;

    private RunningApp(WebApplication app, string folder, Uri address, Workspace workspace)
    {
        _app = app;
        _folder = folder;
        Address = address;
        Workspace = workspace;
    }

    public Uri Address { get; }

    public Workspace Workspace { get; }

    public IServiceProvider Services => _app.Services;

    public VinculoDatabase Database => _app.Services.GetRequiredService<VinculoDatabase>();

    public static async Task<RunningApp> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vinculo-app-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var app = WebHost.Build(
            [$"--VINCULO_DB=Data Source={Path.Combine(folder, "vinculo.db")}", "--environment=Development", "--Logging:LogLevel:Default=Warning", "--Segments:Refresh:Enabled=false", "--Hygiene:Schedule:Enabled=false", $"--Vinculo:ImportsPath={Path.Combine(folder, "imports")}"],
            "http://127.0.0.1:0");
        await app.Services.GetRequiredService<VinculoDatabase>().MigrateAsync();
        await app.StartAsync();

        var address = app.Urls.First();
        var workspace = await EnsureWorkspaceAsync(app.Services, "tienda-test", "Tienda de prueba");
        await UserAdmin.EnsureAdminAsync(app.Services, workspace.Id, AdminEmail, AdminPassword);
        return new RunningApp(app, folder, new Uri(address), workspace);
    }

    public static async Task<Workspace> EnsureWorkspaceAsync(IServiceProvider services, string slug, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceService>();
        return await workspaces.FindBySlugAsync(slug) ?? await workspaces.CreateAsync(new WorkspaceInput(name, slug));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean up with the temp folder.
        }
    }
}
