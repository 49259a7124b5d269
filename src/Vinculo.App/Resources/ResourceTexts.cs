using System.Globalization;
using System.Resources;

namespace Vinculo.App.Resources;

/// <summary>
/// A page's own resx (named by its marker class, Spanish the default, .en beside it) for static text
/// helpers that have no injected localizer.
/// </summary>
public sealed class ResourceTexts(Type marker)
{
    private readonly ResourceManager _resources = new(marker.FullName!, marker.Assembly);

    /// <summary>The text for the current UI culture; the key itself when there is none (a missing text shows, it does not throw).</summary>
    public string T(string key) => _resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
