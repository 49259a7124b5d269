namespace Vinculo.App.Resources;

/// <summary>Marker for the audit page's texts: AuditStrings.resx (Spanish, es-MX, the default) and AuditStrings.en.resx.</summary>
public sealed class AuditStrings;
