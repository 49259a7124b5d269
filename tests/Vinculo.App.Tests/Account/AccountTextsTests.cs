using System.Globalization;
using System.Resources;
using Vinculo.App.Resources;

namespace Vinculo.App.Tests.Account;

public sealed class AccountTextsTests
{
    [Fact]
    public void Every_account_text_has_an_english_translation()
    {
        var resources = new ResourceManager("Vinculo.App.Resources.AccountStrings", typeof(AccountStrings).Assembly);
        var spanish = Keys(resources, CultureInfo.InvariantCulture);
        var english = Keys(resources, new CultureInfo("en"));
        Assert.NotEmpty(spanish);
        Assert.Equal(spanish, english);
    }

    private static SortedSet<string> Keys(ResourceManager resources, CultureInfo culture) =>
        [.. (resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"no {culture.Name} texts"))
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];
}
