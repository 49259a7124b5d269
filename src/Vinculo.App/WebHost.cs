using Vinculo.App.Api;
using Vinculo.App.Hosting;
using Vinculo.Storage;

namespace Vinculo.App;

public static class WebHost
{
    public static IConfiguration BuildConfiguration(string[] args) => new ConfigurationBuilder()
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Everything the host registers; shared by `serve`, the tests' WebApplicationFactory and other verbs.</summary>
    public static WebApplication Build(string[] args, string? urls = null)
    {
        // The application name is this assembly even when a test process hosts it, so static web assets resolve.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(WebHost).Assembly.GetName().Name });
        // Package assets (MudBlazor, Blazor's script) come from the build's static web assets manifest when the
        // app runs from its build output (dotnet run, demo) in any environment; a published app has none and serves wwwroot.
        builder.WebHost.UseStaticWebAssets();
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.Services.AddVinculoStorage(builder.Configuration);
        builder.Services.AddVinculoCore();
        builder.Services.AddProblemDetails();
        builder.Services.AddVinculoApp(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.UseVinculoApp();
        app.MapVinculoApi();
        return app;
    }

    public static async Task<int> RunAsync(string[] args, string urls, CancellationToken ct)
    {
        var app = Build(args, urls);
        await app.Services.GetRequiredService<VinculoDatabase>().MigrateAsync(ct);
        await app.RunAsync(ct);
        return 0;
    }
}
