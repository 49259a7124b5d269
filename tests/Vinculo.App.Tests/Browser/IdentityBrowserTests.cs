using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vinculo.Contacts;
using Vinculo.Storage;

namespace Vinculo.App.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class IdentityBrowserTests(BrowserFixture fixture)
{
    /// <summary>The same woman twice: a typo in the surname, no accent, another email, the same phone and address.</summary>
    private async Task SeedNearDuplicatesAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = fixture.App.Workspace.Id;
        var contacts = scope.ServiceProvider.GetRequiredService<ContactService>();
        await contacts.CreateAsync(new ContactInput
        {
            GivenNames = "Eustaquia",
            PaternalSurname = "Berrondo",
            MaternalSurname = "Ibargüengoitia",
            BirthDate = new DateOnly(1979, 8, 21),
            Emails = [new EmailInput("eustaquia.berrondo@example.mx", "personal", true)],
            Phones = [new PhoneInput("33 3616 2020", "mobile", true)],
            Addresses = [new AddressInput("Av. Chapultepec", "480", null, "Americana", "Guadalajara", "Jalisco", "44160")],
        });
        await contacts.CreateAsync(new ContactInput
        {
            GivenNames = "EUSTAQUIA",
            PaternalSurname = "Berondo",
            MaternalSurname = "Ibarguengoitia",
            BirthDate = new DateOnly(1979, 8, 21),
            Emails = [new EmailInput("tachi79@example.com", "personal", true)],
            Phones = [new PhoneInput("+52 33 3616 2020", "mobile", true)],
            Addresses = [new AddressInput("Avenida Chapultepec", "480", null, "Americana", "Guadalajara", "Jalisco", "44160")],
        });
    }

    [Fact]
    public async Task Detection_runs_from_the_review_page_and_a_pair_is_merged_then_unmerged()
    {
        await SeedNearDuplicatesAsync();
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Duplicados" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Duplicados", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar duplicados" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("detection-status")).ToHaveTextAsync("Terminada", new() { Timeout = 90_000 });

        var pair = page.Locator("[data-testid^=candidate-]").Filter(new() { HasText = "Ibargüengoitia" });
        await Assertions.Expect(pair).ToHaveCountAsync(1);
        await Assertions.Expect(pair).ToContainTextAsync("tachi79@example.com");
        await Assertions.Expect(pair).ToContainTextAsync("+523336162020");
        await Assertions.Expect(pair).ToContainTextAsync("21/08/1979");
        await Assertions.Expect(pair.GetByTestId("agreement")).ToContainTextAsync("Nacimiento: igual");
        await Assertions.Expect(pair.GetByTestId("agreement")).ToContainTextAsync("Teléfono: igual");
        await BrowserFixture.ScreenshotAsync(page, "20-identity-review");

        // Keep the second record (the one created last) this time, not the default.
        await pair.GetByLabel("Conservar este").Nth(1).CheckAsync();
        await pair.GetByRole(AriaRole.Button, new() { Name = "Fusionar" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("identity-info")).ToContainTextAsync("se fusionó en");
        await Assertions.Expect(page.Locator("[data-testid^=candidate-]").Filter(new() { HasText = "Ibargüengoitia" })).ToHaveCountAsync(0);

        await BrowserFixture.GotoInteractiveAsync(page, "/contacts");
        await page.GetByLabel("Buscar contactos").FillAsync("eustaquia");
        var people = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Eustaquia|EUSTAQUIA") });
        await Assertions.Expect(people).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "21-identity-merged-contact");

        // The merge is listed and can be undone: two contacts again.
        await BrowserFixture.GotoInteractiveAsync(page, "/identity");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Fusiones" }).ClickAsync();
        var merge = page.GetByTestId("merge-list").Locator("tr").Filter(new() { HasText = "Ibargüengoitia" });
        await Assertions.Expect(merge).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "22-identity-merges");
        await merge.GetByRole(AriaRole.Button, new() { Name = "Deshacer" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("identity-info")).ToContainTextAsync("vuelve a ser un contacto aparte");

        await BrowserFixture.GotoInteractiveAsync(page, "/contacts");
        await page.GetByLabel("Buscar contactos").FillAsync("eustaquia");
        await Assertions.Expect(people).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task An_admin_saves_the_merge_rules_and_they_stay()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reglas de fusión" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reglas de fusión", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.GetByLabel("Nombre(s)").SelectOptionAsync("Longest");
        await page.GetByLabel("Regla general").SelectOptionAsync("Oldest");
        await page.GetByLabel("Prioridad de origen").FillAsync("pos, ecommerce");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("merge-rules-saved")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "23-merge-rules");

        await BrowserFixture.GotoInteractiveAsync(page, "/settings/merge-rules");
        await Assertions.Expect(page.GetByLabel("Nombre(s)")).ToHaveValueAsync("Longest");
        await Assertions.Expect(page.GetByLabel("Regla general")).ToHaveValueAsync("Oldest");
        await Assertions.Expect(page.GetByLabel("Apellido paterno")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByLabel("Prioridad de origen")).ToHaveValueAsync("pos, ecommerce");

        // Put the default back: other tests of the shared app merge with it.
        await page.GetByLabel("Nombre(s)").SelectOptionAsync("");
        await page.GetByLabel("Regla general").SelectOptionAsync("MostRecent");
        await page.GetByLabel("Prioridad de origen").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("merge-rules-saved")).ToBeVisibleAsync();
    }
}
