using System.Globalization;
using Vinculo.Workspaces;

namespace Vinculo.App.Components.Shared;

/// <summary>
/// Dates as the product's users read them: dd/mm/yyyy in every language. Instants (stored UTC) are
/// shown in the workspace's time zone: pass the page's injected <see cref="WorkspaceTimeZone"/>.
/// </summary>
public static class DateText
{
    public static string Day(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The local day of a UTC instant in the workspace's zone.</summary>
    public static string Day(DateTime? utc, WorkspaceTimeZone zone) => utc is { } u ? zone.ToLocal(u).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    /// <summary>A UTC instant as local day and time in the workspace's zone.</summary>
    public static string DayTime(DateTime? utc, WorkspaceTimeZone zone) => utc is { } u ? zone.ToLocal(u).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";
}
