using Microsoft.Playwright;

namespace Vinculo.App.Tests.Browser;

/// <summary>The contact page's consent card: a child's consent is recorded only as given by a guardian, with evidence.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_guardian_gives_a_child_s_consent_on_the_contact_page_and_it_shows_with_its_history()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, $"/contacts/{fixture.Data.MinorId}");
        var card = page.GetByTestId("consent-card");
        await Assertions.Expect(card).ToContainTextAsync("Es menor de edad");
        await Assertions.Expect(card.GetByTestId("consent-states")).ToHaveCountAsync(0);

        // Email marketing, granted by default; without a guardian the ledger refuses it and says why.
        await card.GetByText("Registrar consentimiento").ClickAsync();
        await card.GetByLabel("Origen").FillAsync("Registro en tienda");
        await card.GetByRole(AriaRole.Button, new() { Name = "Registrar", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("el consentimiento debe darlo una de sus personas adultas responsables");

        // Given by her mother, with the signed form as evidence: recorded.
        await card.GetByLabel("Otorgado por").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = SampleData.GuardianName }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
        await card.GetByLabel("Evidencia").FillAsync("Formato firmado folio 0042");
        await card.GetByRole(AriaRole.Button, new() { Name = "Registrar", Exact = true }).ClickAsync();
        await Assertions.Expect(card.GetByTestId("consent-saved")).ToBeVisibleAsync();
        var states = card.GetByTestId("consent-states");
        await Assertions.Expect(states).ToContainTextAsync("Correo electrónico");
        await Assertions.Expect(states).ToContainTextAsync("Mercadotecnia");
        await Assertions.Expect(states).ToContainTextAsync("Otorgado");

        // The history names who recorded it, for whom it was given and the evidence.
        await card.GetByTestId("consent-history").GetByText("Historial (1)").ClickAsync();
        await Assertions.Expect(card.GetByTestId("consent-history")).ToContainTextAsync($"registró {RunningApp.AdminEmail}");
        await Assertions.Expect(card.GetByTestId("consent-history")).ToContainTextAsync($"Otorgado por: {SampleData.GuardianName}");
        await Assertions.Expect(card.GetByTestId("consent-history")).ToContainTextAsync("Formato firmado folio 0042");
        await BrowserFixture.ScreenshotAsync(page, "12-contact-consent");
    }
}
