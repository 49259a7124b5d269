namespace Vinculo.App.Resources;

/// <summary>Marker for the account pages' texts (change password, one-time passwords): AccountStrings.resx (Spanish, the default) and AccountStrings.en.resx.</summary>
public sealed class AccountStrings;
