using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vinculo.Segments;
using Vinculo.Storage;

namespace Vinculo.App.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SegmentBuilderBrowserTests(BrowserFixture fixture)
{
    private async Task<long> CountAsync(Condition root)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = fixture.App.Workspace.Id;
        return (await scope.ServiceProvider.GetRequiredService<SegmentService>().PreviewAsync(new SegmentDefinition { Root = root })).Count;
    }

    /// <summary>Adds a condition and waits until the server has rendered it (leaves only, groups aside).</summary>
    private static async Task AddConditionAsync(IPage page, int leavesAfter)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Añadir condición" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("condition")).ToHaveCountAsync(leavesAfter);
    }

    /// <summary>Picks an option of the open list and waits for the list to close.</summary>
    private static async Task PickAsync(IPage page, string option)
    {
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Build_a_segment_with_a_live_count_and_save_it()
    {
        var page = await fixture.SignedInPageAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Segmentos" })).ToBeVisibleAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/segments");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Segmentos", Exact = true })).ToBeVisibleAsync();

        // The starter condition is "age ≥ 18"; its live count is the exact count from the database.
        var adults = await CountAsync(new AllOf([new AgeCondition(Min: 18)]));
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(adults.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("es-MX")));

        // Narrow it: AND tag vip.
        await AddConditionAsync(page, 2);
        await page.GetByLabel("Condición").Nth(2).ClickAsync();
        await PickAsync(page, "Etiqueta");
        await page.GetByLabel("Etiquetas (separadas por coma)").FillAsync("vip");
        await page.GetByLabel("Etiquetas (separadas por coma)").PressAsync("Tab");
        var vipAdults = await CountAsync(new AllOf([new AgeCondition(Min: 18), new TagCondition(["vip"])]));
        Assert.NotEqual(adults, vipAdults);
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(vipAdults.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("es-MX")));
        await Assertions.Expect(page.GetByTestId("sample")).ToBeVisibleAsync();

        await page.GetByLabel("Nombre del segmento").FillAsync("Adultos VIP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Segmento guardado")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("segment-list").GetByText("Adultos VIP")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Actualizar miembros" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{vipAdults} entraron")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "20-segment-builder");
    }

    [Fact]
    public async Task Order_stats_and_organization_conditions_are_built_with_form_fields()
    {
        var es = System.Globalization.CultureInfo.GetCultureInfo("es-MX");
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/segments");
        var adults = await CountAsync(new AllOf([new AgeCondition(Min: 18)]));
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(adults.ToString("N0", es));

        // AND total spent ≥ 1,000 — picked from lists and typed as a number, no JSON. Each step changes
        // the live count, so the test waits for the server to have applied it before the next one.
        await AddConditionAsync(page, 2);
        await page.GetByLabel("Condición").Nth(2).ClickAsync();
        await PickAsync(page, "Compras: número o total");
        await page.GetByLabel("Cantidad").FillAsync("1000");
        await page.GetByLabel("Cantidad").PressAsync("Tab");
        var thousandOrders = await CountAsync(new AllOf([new AgeCondition(Min: 18), new OrderStatsCondition(OrderMetric.Count, CompareOperator.Gte, 1000m)]));
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(thousandOrders.ToString("N0", es));
        await page.GetByLabel("Medida").ClickAsync();
        await PickAsync(page, "Total gastado");
        var bigSpenders = await CountAsync(new AllOf([new AgeCondition(Min: 18), new OrderStatsCondition(OrderMetric.TotalSpent, CompareOperator.Gte, 1000m)]));
        Assert.NotEqual(adults, bigSpenders);
        Assert.NotEqual(thousandOrders, bigSpenders);
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(bigSpenders.ToString("N0", es));

        // AND works in Retail as a decision maker.
        await AddConditionAsync(page, 3);
        await page.GetByLabel("Condición").Nth(3).ClickAsync();
        await PickAsync(page, "Organización");
        await page.GetByLabel("Industria").FillAsync("Retail");
        await page.GetByLabel("Industria").PressAsync("Tab");
        await page.GetByLabel("Solo quien toma decisiones").CheckAsync();
        var definition = new AllOf([
            new AgeCondition(Min: 18),
            new OrderStatsCondition(OrderMetric.TotalSpent, CompareOperator.Gte, 1000m),
            new OrganizationCondition(Industry: "Retail", DecisionMaker: true),
        ]);
        var expected = await CountAsync(definition);
        Assert.True(expected > 0, "the sample data has a Retail decision maker who spent over 1,000");
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(expected.ToString("N0", es));
        await Assertions.Expect(page.GetByTestId("sample").GetByText(SampleData.GuardianName)).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "21-segment-builder-form-fields");
    }
}
