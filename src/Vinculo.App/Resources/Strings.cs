namespace Vinculo.App.Resources;

/// <summary>Marker for the UI's texts: Strings.resx (Spanish, the default) and Strings.en.resx (English).</summary>
public sealed class Strings;
