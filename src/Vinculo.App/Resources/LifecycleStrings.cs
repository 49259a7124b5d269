namespace Vinculo.App.Resources;

/// <summary>Marker for the lifecycle page's texts: LifecycleStrings.resx (Spanish, es-MX, the default) and LifecycleStrings.en.resx.</summary>
public sealed class LifecycleStrings;
