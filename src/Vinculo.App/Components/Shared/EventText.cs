using Microsoft.Extensions.Localization;
using Vinculo.App.Resources;

namespace Vinculo.App.Components.Shared;

/// <summary>
/// Stored codes as people read them (timeline event types and channels, gender): a known event type ("email.opened") or channel ("pos") gets its
/// label in the page's language; an unknown code (a custom event from the API) shows as stored.
/// </summary>
public static class EventText
{
    public static string Type(IStringLocalizer<Strings> texts, string? code) => Label(texts, "EventType_", code);

    public static string Channel(IStringLocalizer<Strings> texts, string? code) => Label(texts, "ChannelName_", code);

    /// <summary>A stored gender code (female, male, non_binary, other) in the page's language.</summary>
    public static string Gender(IStringLocalizer<Strings> texts, string? code) => Label(texts, "Gender_", code);

    private static string Label(IStringLocalizer<Strings> texts, string prefix, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "";
        }

        var text = texts[prefix + code.Replace('.', '_').Replace('-', '_')];
        return text.ResourceNotFound ? code : text.Value;
    }
}
