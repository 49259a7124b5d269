using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Vinculo.App.Components.Shared;
using Vinculo.App.Resources;

namespace Vinculo.App.Tests.Components;

/// <summary>Stored codes and the core's English reasons as the UI shows them, from the real resx files.</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("es-MX", "'abc' is not an email address", "'abc' no es un correo electrónico")]
    [InlineData("es-MX", "'31/02/2020' is not a date (dd/mm/aaaa or aaaa-mm-dd)", "'31/02/2020' no es una fecha (dd/mm/aaaa o aaaa-mm-dd)")]
    [InlineData("es-MX", "'x' is not a known gender; 'zz' is not a known country", "'x' no es un género conocido; 'zz' no es un país conocido")]
    [InlineData("es-MX", "a reason nobody translated", "a reason nobody translated")]
    [InlineData("en", "'31/02/2020' is not a date (dd/mm/aaaa or aaaa-mm-dd)", "'31/02/2020' is not a date (dd/mm/yyyy or yyyy-mm-dd)")]
    public void Import_reasons_are_shown_in_the_page_language(string culture, string reason, string expected) =>
        InCulture(culture, texts => Assert.Equal(expected, ReasonText.Localize(texts, reason)));

    [Fact]
    public void Timeline_codes_get_labels_and_unknown_codes_show_as_stored() =>
        InCulture("es-MX", texts =>
        {
            Assert.Equal("Correo abierto", EventText.Type(texts, "email.opened"));
            Assert.Equal("Punto de venta", EventText.Channel(texts, "pos"));
            Assert.Equal("loyalty.points_earned", EventText.Type(texts, "loyalty.points_earned"));
            Assert.Equal("", EventText.Channel(texts, null));
            Assert.Equal("Mujer", EventText.Gender(texts, "female"));
            Assert.Equal("No binario", EventText.Gender(texts, "non_binary"));
        });

    [Fact]
    public Task The_rejects_download_speaks_the_page_language_and_keeps_formulas_as_text() =>
        InCultureAsync("es-MX", async texts =>
        {
            const string stored = "\uFEFFrow,field,value,severity,reason\r\n" +
                "3,email,luis@ejemplo,error,'luis@ejemplo' has no valid domain\r\n" +
                "4,quantity,-2,warning,a reason nobody translated\r\n" +
                "5,given_names,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",error,\"is required\"\r\n";
            using var body = new MemoryStream();
            await RejectsText.WriteAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stored)), body, texts, default);
            var lines = System.Text.Encoding.UTF8.GetString(body.ToArray()).TrimStart('\uFEFF').Split("\r\n");
            Assert.Equal("fila,campo,valor,gravedad,motivo", lines[0]);
            Assert.Equal("3,email,luis@ejemplo,error,'luis@ejemplo' no tiene un dominio válido", lines[1]);
            Assert.Equal("4,quantity,-2,aviso,a reason nobody translated", lines[2]);
            Assert.Equal("5,given_names,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",error,es obligatorio", lines[3]);
        });

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+52 33 3616 2020", "'+52 33 3616 2020")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-3", "-3")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("ana@ejemplo.mx", "ana@ejemplo.mx")]
    [InlineData("", "")]
    public void Spreadsheet_formulas_in_rejected_values_are_kept_as_text(string value, string shown) =>
        Assert.Equal(shown, Vinculo.Common.Csv.AsText(value));

    private static void InCulture(string culture, Action<IStringLocalizer<Strings>> check) =>
        InCultureAsync(culture, texts =>
        {
            check(texts);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    private static async Task InCultureAsync(string culture, Func<IStringLocalizer<Strings>, Task> check)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            await using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
            await check(services.GetRequiredService<IStringLocalizer<Strings>>());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
