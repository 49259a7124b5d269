using System.Globalization;

namespace Vinculo.App.Components.Shared;

/// <summary>Dates as the product's users read them: dd/mm/yyyy in every language.</summary>
public static class DateText
{
    public static string Day(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Day(DateTime? utc) => utc?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string DayTime(DateTime? utc) => utc?.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) ?? "";
}
