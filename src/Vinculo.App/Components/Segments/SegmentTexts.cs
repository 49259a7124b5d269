using System.Globalization;
using System.Resources;
using Vinculo.App.Resources;

namespace Vinculo.App.Components.Segments;

/// <summary>The builder's words, from Resources/SegmentStrings.resx (Spanish, the default) and SegmentStrings.en.resx.</summary>
public static class SegmentTexts
{
    private static readonly ResourceManager Resources = new(typeof(SegmentStrings).FullName!, typeof(SegmentStrings).Assembly);

    /// <summary>The text for the current UI culture; the key itself when there is none (a missing text shows, it does not throw).</summary>
    public static string T(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
