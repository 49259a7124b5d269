using Microsoft.Extensions.DependencyInjection;
using Vinculo.Analytics;
using Vinculo.Audit;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Hygiene;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Identity;
using Vinculo.Orders;
using Vinculo.Privacy;
using Vinculo.Segments;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo;

public static class VinculoCore
{
    /// <summary>The core services of every capability; each capability adds one line here.</summary>
    public static IServiceCollection AddVinculoCore(this IServiceCollection services)
    {
        services.AddWorkspaces();
        services.AddContacts();
        services.AddFamilies();
        services.AddOrders();
        services.AddTimeline();
        services.AddConsent();
        services.AddPrivacy();
        services.AddHygiene();
        services.AddAudit();
        services.AddIngestion();
        services.AddIdentityResolution();
        services.AddDashboard();
        services.AddContactDirectory();
        services.AddSegments();
        return services;
    }
}
