using Vinculo.App.Users;
using Vinculo.App.Workers;

namespace Vinculo.App.Hosting;

public static class AppServices
{
    /// <summary>Host-side services (authentication, API, UI, workers); each capability adds one line here.</summary>
    public static IServiceCollection AddVinculoApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVinculoAuthorization();
        services.AddVinculoApi();
        services.AddHygieneSchedule(configuration);
        services.AddVinculoWebUi();
        services.AddWorkspaceUsers();
        services.AddAccountSecurity();
        Workers.ImportWorker.Add(services, configuration);
        Workers.IdentityWorker.Add(services, configuration);
        services.AddSegmentRefreshWorker(configuration);
        return services;
    }

    /// <summary>Middleware and endpoints beyond the API; each capability adds one line here.</summary>
    public static WebApplication UseVinculoApp(this WebApplication app)
    {
        // Authentication schemes (API key, cookie) are registered by their capabilities above.
        app.UseAuthentication();
        app.UseForcedPasswordChange();
        app.UseWorkspaceScope();
        app.UseAuthorization();
        app.UseVinculoWebUi();
        app.MapAuditExport();
        return app;
    }
}
