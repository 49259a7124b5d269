using Vinculo.App.Hosting;

namespace Vinculo.App.Api;

public static class ApiEndpoints
{
    /// <summary>Everything under /api/v1; each capability maps its own group here, one line each.</summary>
    public static WebApplication MapVinculoApi(this WebApplication app)
    {
        app.MapApiDocsAndHealth();
        var v1 = app.MapGroup("/api/v1").RequireApiKey().WithAuditActor();
        v1.MapContacts();
        v1.MapCustomFields();
        v1.MapOrganizations();
        v1.MapFamilies();
        v1.MapOrders();
        v1.MapEvents();
        v1.MapApiKeys();
        v1.MapWorkspace();
        v1.MapConsent();
        v1.MapPrivacy();
        v1.MapImports();
        v1.MapIdentity();
        v1.MapSegments();
        return app;
    }
}
