using Microsoft.Extensions.Localization;
using Vinculo.App.Resources;
using Vinculo.Consent;

namespace Vinculo.App.Components.Shared;

/// <summary>Consent channels, purposes and states as people read them, in the page's language.</summary>
public static class ConsentText
{
    public static string Channel(IStringLocalizer<Strings> texts, ConsentChannel channel) => texts["ConsentChannel_" + channel];

    public static string Purpose(IStringLocalizer<Strings> texts, ConsentPurpose purpose) => texts["ConsentPurpose_" + purpose];

    public static string Status(IStringLocalizer<Strings> texts, ConsentStatus status) => texts["ConsentStatus_" + status];
}
