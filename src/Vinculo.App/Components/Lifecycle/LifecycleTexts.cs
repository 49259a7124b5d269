using System.Globalization;
using Vinculo.Analytics;
using Vinculo.App.Resources;

namespace Vinculo.App.Components.Lifecycle;

/// <summary>The lifecycle page's words, from Resources/LifecycleStrings.resx (Spanish, the default) and LifecycleStrings.en.resx.</summary>
public static class LifecycleTexts
{
    private static readonly ResourceTexts Texts = new(typeof(LifecycleStrings));

    /// <summary>The text for the current UI culture; the key itself when there is none.</summary>
    public static string T(string key) => Texts.T(key);

    private static string F(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, T(key), args);

    /// <summary>Money as the product shows totals of mixed orders: a dollar sign (MXN first) and two decimals in the current culture.</summary>
    public static string Money(decimal value) => "$" + value.ToString("N2", CultureInfo.CurrentCulture);

    public static string Stage(LifecycleStage stage) => T("Stage" + stage);

    public static string Campaign(LifecycleStage stage) => T("Campaign" + stage);

    public static string SegmentName(LifecycleStage stage) => T("Segment" + stage);

    /// <summary>The stage's rule in plain words with the workspace's current thresholds (the same rule as <c>RfmSql</c>).</summary>
    public static string Rule(LifecycleStage stage, RfmThresholds t) => stage switch
    {
        LifecycleStage.Prospect => T("RuleProspect"),
        LifecycleStage.New when t.LoyalMinOrders <= 1 && t.LoyalMinSpent <= 0 => F("RuleNewNone", t.AtRiskAfterDays),
        LifecycleStage.New when t.LoyalMinOrders <= 1 => F("RuleNewSpent", t.AtRiskAfterDays, Money(t.LoyalMinSpent)),
        LifecycleStage.New when t.LoyalMinSpent <= 0 => F("RuleNewOrders", t.AtRiskAfterDays, t.LoyalMinOrders),
        LifecycleStage.New => F("RuleNewOrdersSpent", t.AtRiskAfterDays, t.LoyalMinOrders, Money(t.LoyalMinSpent)),
        LifecycleStage.Loyal when t.LoyalMinSpent <= 0 => F("RuleLoyal", t.AtRiskAfterDays, t.LoyalMinOrders),
        LifecycleStage.Loyal => F("RuleLoyalSpent", t.AtRiskAfterDays, t.LoyalMinOrders, Money(t.LoyalMinSpent)),
        LifecycleStage.AtRisk => F("RuleAtRisk", t.AtRiskAfterDays, t.LostAfterDays),
        _ => F("RuleLost", t.LostAfterDays),
    };
}
