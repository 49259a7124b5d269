using Vinculo.Families;
using Vinculo.Workspaces;

namespace Vinculo.Consent;

/// <summary>A workspace's age thresholds, resolved for one day in its time zone.</summary>
public sealed record AgeRules(int AgeOfMajority, int DigitalConsentAge, int ChildPrivacyAge, DateOnly Today)
{
    /// <summary>Born after this date: a minor today.</summary>
    public DateOnly LatestAdultBirthDate => AgePolicy.LatestAdultBirthDate(Today, AgeOfMajority);

    public static AgeRules For(Workspace workspace, TimeProvider time)
    {
        var zone = TryZone(workspace.TimeZone);
        return new AgeRules(
            workspace.AgeOfMajority,
            workspace.DigitalConsentAge ?? workspace.AgeOfMajority,
            workspace.ChildPrivacyAge,
            AgePolicy.Today(time, zone));
    }

    /// <summary>
    /// Country defaults to start a workspace from: majority 18 everywhere listed; digital consent per
    /// GDPR art. 8 as each member state set it (13–16); COPPA's 13 as the child-privacy age.
    /// </summary>
    public static void ApplyCountryDefaults(Workspace workspace)
    {
        workspace.AgeOfMajority = 18;
        workspace.ChildPrivacyAge = 13;
        workspace.DigitalConsentAge = workspace.CountryCode.ToUpperInvariant() switch
        {
            "MX" or "CO" or "AR" or "CL" or "PE" => null,
            "US" => 13,
            "BE" or "DK" or "EE" or "FI" or "LV" or "MT" or "PT" or "SE" or "GB" => 13,
            "AT" or "BG" or "CY" or "ES" or "IT" or "LT" => 14,
            "CZ" or "FR" or "GR" or "SI" => 15,
            _ => 16,
        };
    }

    private static TimeZoneInfo TryZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
