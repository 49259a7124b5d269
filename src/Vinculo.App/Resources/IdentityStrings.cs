namespace Vinculo.App.Resources;

/// <summary>Marker for the duplicate review page's texts: IdentityStrings.resx (Spanish, the default) and IdentityStrings.en.resx.</summary>
public sealed class IdentityStrings;
