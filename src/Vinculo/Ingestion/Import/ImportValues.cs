using System.Globalization;

namespace Vinculo.Ingestion.Import;

/// <summary>Cell values the importers read back: numbers as spreadsheets write them, normalized instants, channels.</summary>
internal static class ImportValues
{
    /// <summary>A date and time as the field rules normalize it (yyyy-MM-ddTHH:mm:ssZ), in UTC; null when absent or unreadable.</summary>
    public static DateTime? Instant(string? normalized) =>
        normalized is not null && DateTime.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Utc)
            : null;

    /// <summary>"1,234.50", "$99", "12.5 ", "-3".</summary>
    public static bool TryDecimal(string? value, out decimal result)
    {
        result = 0;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim().TrimStart('$').Replace("MXN", "", StringComparison.OrdinalIgnoreCase).Trim();
        // "1.234,50" (comma decimals) vs "1,234.50": the last separator is the decimal one.
        var lastComma = text.LastIndexOf(',');
        var lastDot = text.LastIndexOf('.');
        if (lastComma > lastDot)
        {
            text = text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }
        else
        {
            text = text.Replace(",", "", StringComparison.Ordinal);
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out result);
    }

    public static Orders.SalesChannel Channel(string? value) => Normalization.Normalize.SearchKey(value) switch
    {
        "" => Orders.SalesChannel.Other,
        "tienda" or "store" or "sucursal" or "retail" or "fisica" or "tienda fisica" => Orders.SalesChannel.Store,
        "web" or "online" or "en linea" or "ecommerce" or "e-commerce" or "sitio web" or "app" => Orders.SalesChannel.Web,
        "pos" or "caja" or "punto de venta" => Orders.SalesChannel.Pos,
        "telefono" or "phone" or "call center" or "whatsapp" => Orders.SalesChannel.Phone,
        "marketplace" or "amazon" or "mercado libre" or "mercadolibre" => Orders.SalesChannel.Marketplace,
        _ => Orders.SalesChannel.Other,
    };
}
