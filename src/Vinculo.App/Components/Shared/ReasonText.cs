using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Vinculo.App.Resources;

namespace Vinculo.App.Components.Shared;

/// <summary>
/// The core's normalization and import reasons are English (they also go to rejects files and the API);
/// the UI shows the known ones in the page's language, quoting the same values, and any other as is.
/// Several reasons joined by "; " (warnings) are translated one by one.
/// </summary>
public static partial class ReasonText
{
    private static readonly (Regex Pattern, string Key)[] Known =
    [
        (NotDate(), "Reason_NotDate"),
        (NotDateTime(), "Reason_NotDateTime"),
        (NotCountry(), "Reason_NotCountry"),
        (NotPostalCode(), "Reason_NotPostalCode"),
        (NotGender(), "Reason_NotGender"),
        (NotNumber(), "Reason_NotNumber"),
        (OutOfRange(), "Reason_OutOfRange"),
        (NotYesNo(), "Reason_NotYesNo"),
        (NotOneOf(), "Reason_NotOneOf"),
        (NotEmail(), "Reason_NotEmail"),
        (NoDomain(), "Reason_NoDomain"),
        (PhoneInvalidFor(), "Reason_PhoneInvalidFor"),
        (NotPhone(), "Reason_NotPhone"),
        (Required(), "Reason_Required"),
        (NoKey(), "Reason_NoKey"),
        (ConsentByGuardian(), "Reason_ConsentByGuardian"),
        (ConsentNeedsEvidence(), "Reason_ConsentNeedsEvidence"),
    ];

    public static string Localize(IStringLocalizer<Strings> texts, string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return "";
        }

        return string.Join("; ", reason.Split("; ").Select(part =>
        {
            foreach (var (pattern, key) in Known)
            {
                var match = pattern.Match(part);
                if (match.Success)
                {
                    return texts[key, [.. match.Groups.Values.Skip(1).Select(g => (object)g.Value)]].Value;
                }
            }

            return part;
        }));
    }

    [GeneratedRegex(@"^'(.*)' is not a date \(dd/mm/aaaa or aaaa-mm-dd\)$")]
    private static partial Regex NotDate();

    [GeneratedRegex(@"^'(.*)' is not a date and time$")]
    private static partial Regex NotDateTime();

    [GeneratedRegex(@"^'(.*)' is not a known country$")]
    private static partial Regex NotCountry();

    [GeneratedRegex(@"^'(.*)' is not a Mexican postal code \(5 digits\)$")]
    private static partial Regex NotPostalCode();

    [GeneratedRegex(@"^'(.*)' is not a known gender$")]
    private static partial Regex NotGender();

    [GeneratedRegex(@"^'(.*)' is not a number$")]
    private static partial Regex NotNumber();

    [GeneratedRegex(@"^(.*) is out of range$")]
    private static partial Regex OutOfRange();

    [GeneratedRegex(@"^'(.*)' is not yes/no$")]
    private static partial Regex NotYesNo();

    [GeneratedRegex(@"^'(.*)' is not one of: (.*)$")]
    private static partial Regex NotOneOf();

    [GeneratedRegex(@"^'(.*)' is not an email address$")]
    private static partial Regex NotEmail();

    [GeneratedRegex(@"^'(.*)' has no valid domain$")]
    private static partial Regex NoDomain();

    [GeneratedRegex(@"^'(.*)' is not a valid phone number for (.*)$")]
    private static partial Regex PhoneInvalidFor();

    [GeneratedRegex(@"^'(.*)' is not a phone number \((.*)\)$")]
    private static partial Regex NotPhone();

    [GeneratedRegex(@"^is required$")]
    private static partial Regex Required();

    [GeneratedRegex(@"^no email, phone or external id identifies the contact$")]
    private static partial Regex NoKey();

    [GeneratedRegex(@"^the contact is (\d+): consent must be given by one of their active guardians$")]
    private static partial Regex ConsentByGuardian();

    [GeneratedRegex(@"^the contact is under (\d+): the guardian's consent needs evidence$")]
    private static partial Regex ConsentNeedsEvidence();
}
