using Vinculo.App.Resources;

namespace Vinculo.App.Components.Segments;

/// <summary>The builder's words, from Resources/SegmentStrings.resx (Spanish, the default) and SegmentStrings.en.resx.</summary>
public static class SegmentTexts
{
    private static readonly ResourceTexts Texts = new(typeof(SegmentStrings));

    /// <summary>The text for the current UI culture; the key itself when there is none.</summary>
    public static string T(string key) => Texts.T(key);
}
