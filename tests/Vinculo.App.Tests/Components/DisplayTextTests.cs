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
        });

    private static void InCulture(string culture, Action<IStringLocalizer<Strings>> check)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
            check(services.GetRequiredService<IStringLocalizer<Strings>>());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
