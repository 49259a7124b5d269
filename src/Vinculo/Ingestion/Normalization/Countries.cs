using System.Collections.Frozen;

namespace Vinculo.Ingestion.Normalization;

/// <summary>Country names in Spanish and English (and ISO codes) to ISO 3166-1 alpha-2.</summary>
public static class Countries
{
    // alpha-2, alpha-3, then names; the names are compared by Normalize.SearchKey (no accents, lower-case).
    private static readonly string[][] Table =
    [
        ["MX", "MEX", "México", "Mexico", "Estados Unidos Mexicanos", "Méjico", "Mex."],
        ["US", "USA", "Estados Unidos", "Estados Unidos de América", "EE. UU.", "EE.UU.", "EEUU", "EUA", "E.U.A.", "United States", "United States of America", "U.S.A.", "U.S."],
        ["CA", "CAN", "Canadá", "Canada"],
        ["GT", "GTM", "Guatemala"],
        ["BZ", "BLZ", "Belice", "Belize"],
        ["SV", "SLV", "El Salvador"],
        ["HN", "HND", "Honduras"],
        ["NI", "NIC", "Nicaragua"],
        ["CR", "CRI", "Costa Rica"],
        ["PA", "PAN", "Panamá", "Panama"],
        ["CU", "CUB", "Cuba"],
        ["DO", "DOM", "República Dominicana", "Dominican Republic"],
        ["PR", "PRI", "Puerto Rico"],
        ["CO", "COL", "Colombia"],
        ["VE", "VEN", "Venezuela"],
        ["EC", "ECU", "Ecuador"],
        ["PE", "PER", "Perú", "Peru"],
        ["BO", "BOL", "Bolivia"],
        ["CL", "CHL", "Chile"],
        ["AR", "ARG", "Argentina"],
        ["UY", "URY", "Uruguay"],
        ["PY", "PRY", "Paraguay"],
        ["BR", "BRA", "Brasil", "Brazil"],
        ["ES", "ESP", "España", "Spain"],
        ["PT", "PRT", "Portugal"],
        ["FR", "FRA", "Francia", "France"],
        ["DE", "DEU", "Alemania", "Germany"],
        ["IT", "ITA", "Italia", "Italy"],
        ["GB", "GBR", "Reino Unido", "United Kingdom", "UK", "Gran Bretaña", "Great Britain", "Inglaterra", "England"],
        ["IE", "IRL", "Irlanda", "Ireland", "EIRE"],
        ["NL", "NLD", "Países Bajos", "Holanda", "Netherlands", "The Netherlands"],
        ["BE", "BEL", "Bélgica", "Belgium"],
        ["CH", "CHE", "Suiza", "Switzerland"],
        ["AT", "AUT", "Austria"],
        ["SE", "SWE", "Suecia", "Sweden"],
        ["NO", "NOR", "Noruega", "Norway"],
        ["DK", "DNK", "Dinamarca", "Denmark"],
        ["FI", "FIN", "Finlandia", "Finland"],
        ["IS", "ISL", "Islandia", "Iceland"],
        ["PL", "POL", "Polonia", "Poland"],
        ["CZ", "CZE", "Chequia", "República Checa", "Czech Republic", "Czechia"],
        ["GR", "GRC", "Grecia", "Greece"],
        ["CY", "CYP", "Chipre", "Cyprus"],
        ["MT", "MLT", "Malta"],
        ["LT", "LTU", "Lituania", "Lithuania"],
        ["LB", "LBN", "Líbano", "Lebanon"],
        ["IL", "ISR", "Israel"],
        ["AE", "ARE", "Emiratos Árabes Unidos", "United Arab Emirates"],
        ["SA", "SAU", "Arabia Saudita", "Arabia Saudí", "Saudi Arabia"],
        ["BH", "BHR", "Baréin", "Bahrein", "Bahrain"],
        ["RU", "RUS", "Rusia", "Russia", "Russian Federation"],
        ["CN", "CHN", "China"],
        ["JP", "JPN", "Japón", "Japan"],
        ["KR", "KOR", "Corea del Sur", "South Korea", "Korea"],
        ["IN", "IND", "India"],
        ["SG", "SGP", "Singapur", "Singapore"],
        ["AU", "AUS", "Australia"],
        ["NZ", "NZL", "Nueva Zelanda", "New Zealand"],
        ["ZA", "ZAF", "Sudáfrica", "South Africa", "RSA"],
        ["HK", "HKG", "Hong Kong"],
        ["TW", "TWN", "Taiwán", "Taiwan"],
    ];

    private static readonly FrozenDictionary<string, string> ByKey = Build();

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Table)
        {
            foreach (var name in row)
            {
                map.TryAdd(Key(name), row[0]);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Key(string value) => Normalize.SearchKey(value).Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    public static string? ToAlpha2(string value) => ByKey.TryGetValue(Key(value), out var code) ? code : null;
}
