using Microsoft.Extensions.Localization;
using Vinculo.App.Components.Audit;
using Vinculo.App.Resources;
using Vinculo.Audit;
using Vinculo.Workspaces;

namespace Vinculo.App.Hosting;

/// <summary>
/// The audit page's CSV download: the sign-in cookie (not an API key), Admins only, the page's filters
/// in the query string, written while the rows are read.
/// </summary>
public static class AuditExport
{
    public const string Path = "/settings/audit/export";

    public static WebApplication MapAuditExport(this WebApplication app)
    {
        app.MapGet(Path, (AuditSearch search, WorkspaceTimeZone zone, IStringLocalizer<AuditStrings> texts, TimeProvider time,
            string? actor, string? action, Guid? contact, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        {
            var query = AuditText.Query(actor, action, contact, from, to, zone.Zone);
            var today = zone.ToLocal(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return Results.Stream(body => AuditText.WriteCsvAsync(search.StreamAsync(query, ct), body, texts, zone, ct),
                "text/csv; charset=utf-8", $"{texts["Csv_FileName"]}-{today}.csv");
        }).RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>The export link for the page's current filters.</summary>
    public static string Link(string? actor, string? action, Guid? contact, DateOnly? from, DateOnly? to)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }

        Add("actor", actor);
        Add("action", action);
        Add("contact", contact?.ToString());
        Add("from", from?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", to?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return Path.TrimStart('/') + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }
}
