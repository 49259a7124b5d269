namespace Vinculo.App.Resources;

/// <summary>Marker for the segment builder's texts: SegmentStrings.resx (Spanish, es-MX, the default) and SegmentStrings.en.resx.</summary>
public sealed class SegmentStrings;
