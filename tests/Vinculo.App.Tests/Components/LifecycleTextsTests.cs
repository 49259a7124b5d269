using System.Globalization;
using Vinculo.Analytics;
using Vinculo.App.Components.Lifecycle;

namespace Vinculo.App.Tests.Components;

/// <summary>Each cluster's rule in plain words follows the workspace's thresholds, in Spanish and English.</summary>
public sealed class LifecycleTextsTests
{
    [Theory]
    [InlineData("es-MX", LifecycleStage.Loyal, 3, 0, "Compró en los últimos 90 días y tiene 3 o más pedidos.")]
    [InlineData("es-MX", LifecycleStage.Loyal, 2, 1500, "Compró en los últimos 90 días, tiene 2 o más pedidos y gastó $1,500.00 o más.")]
    [InlineData("es-MX", LifecycleStage.New, 3, 0, "Compró en los últimos 90 días y tiene menos de 3 pedidos.")]
    [InlineData("es-MX", LifecycleStage.New, 1, 500, "Compró en los últimos 90 días y gastó menos de $500.00.")]
    [InlineData("es-MX", LifecycleStage.AtRisk, 3, 0, "Su última compra fue hace más de 90 días y como máximo 365 días.")]
    [InlineData("es-MX", LifecycleStage.Lost, 3, 0, "Su última compra fue hace más de 365 días.")]
    [InlineData("en", LifecycleStage.New, 3, 200, "Bought in the last 90 days and has fewer than 3 orders or spent less than $200.00.")]
    [InlineData("en", LifecycleStage.Prospect, 3, 0, "Has never bought (cancelled orders do not count).")]
    public void Rules_name_the_current_thresholds(string culture, LifecycleStage stage, int loyalOrders, int loyalSpent, string expected)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var thresholds = new RfmThresholds { AtRiskAfterDays = 90, LostAfterDays = 365, LoyalMinOrders = loyalOrders, LoyalMinSpent = loyalSpent };
            Assert.Equal(expected, LifecycleTexts.Rule(stage, thresholds));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Theory]
    [InlineData("es-MX", LifecycleStage.Lost, "Recuperación (win-back)", "Clientes perdidos")]
    [InlineData("en", LifecycleStage.Loyal, "Loyalty: reward and keep", "Loyal customers")]
    public void Every_stage_names_its_campaign_and_segment(string culture, LifecycleStage stage, string campaign, string segment)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            Assert.Equal(campaign, LifecycleTexts.Campaign(stage));
            Assert.Equal(segment, LifecycleTexts.SegmentName(stage));
            Assert.All(Enum.GetValues<LifecycleStage>(), s => Assert.DoesNotContain("Stage", LifecycleTexts.Stage(s), StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
