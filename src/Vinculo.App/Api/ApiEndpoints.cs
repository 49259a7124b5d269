namespace Vinculo.App.Api;

public static class ApiEndpoints
{
    /// <summary>Everything under /api/v1; each capability maps its own group here, one line each.</summary>
    public static WebApplication MapVinculoApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapSegments();
        return app;
    }
}
