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

    /// <summary>Closes an open multi-selection list and waits until it is gone.</summary>
    private static async Task CloseListAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    /// <summary>Types a value, leaves the field, and waits for the live count the server computes for <paramref name="root"/>.</summary>
    private async Task FillAndExpectCountAsync(IPage page, string label, string value, Condition root)
    {
        await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        await page.GetByLabel(label, new() { Exact = true }).PressAsync("Tab");
        await ExpectCountAsync(page, root);
    }

    private async Task<long> ExpectCountAsync(IPage page, Condition root)
    {
        var count = await CountAsync(root);
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("es-MX")));
        return count;
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

        // Narrow it: AND tag vip, picked from the workspace's tags (no tag yet: no count).
        await AddConditionAsync(page, 2);
        await page.GetByLabel("Condición").Nth(2).ClickAsync();
        await PickAsync(page, "Etiqueta");
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync("…");
        await page.GetByLabel("Etiquetas", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "vip", Exact = true }).ClickAsync();
        var vipAdults = await CountAsync(new AllOf([new AgeCondition(Min: 18), new TagCondition(["vip"])]));
        Assert.NotEqual(adults, vipAdults);
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(vipAdults.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("es-MX")));
        await CloseListAsync(page);
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

        // AND works in Retail as a decision maker; every step changes the count the server shows.
        await AddConditionAsync(page, 3);
        await page.GetByLabel("Condición").Nth(3).ClickAsync();
        await PickAsync(page, "Organización");
        AllOf Spender(OrganizationCondition organization) =>
            new([new AgeCondition(Min: 18), new OrderStatsCondition(OrderMetric.TotalSpent, CompareOperator.Gte, 1000m), organization]);
        // An industry no organization names yet is typed ("Other…"), a known one is picked from the list.
        Assert.Equal(0, await CountAsync(Spender(new OrganizationCondition(Industry: "Manufactura"))));
        await page.GetByLabel("Industria", new() { Exact = true }).ClickAsync();
        await PickAsync(page, "Otro…");
        await FillAndExpectCountAsync(page, "Industria · otro valor", "Manufactura", Spender(new OrganizationCondition(Industry: "Manufactura")));
        await page.GetByLabel("Industria", new() { Exact = true }).ClickAsync();
        await PickAsync(page, "Retail");
        await ExpectCountAsync(page, Spender(new OrganizationCondition(Industry: "Retail")));
        await page.GetByLabel("Toma decisiones").ClickAsync();
        await PickAsync(page, "No toma decisiones");
        Assert.Equal(0, await ExpectCountAsync(page, Spender(new OrganizationCondition(Industry: "Retail", DecisionMaker: false))));
        await page.GetByLabel("Toma decisiones").ClickAsync();
        await PickAsync(page, "Sí, toma decisiones");
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

    [Fact]
    public async Task Children_ages_event_channel_and_all_tags_are_built_with_form_fields_and_reopen_as_saved()
    {
        var page = await fixture.SignedInPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/segments");
        AgeCondition adult = new(Min: 18);
        var adults = await ExpectCountAsync(page, new AllOf([adult]));

        // AND has children aged 0–17 (the kind's default), then 0–5 (nobody), then 0–12 (the sample's guardian).
        await AddConditionAsync(page, 2);
        await page.GetByLabel("Condición").Nth(2).ClickAsync();
        await PickAsync(page, "Tiene hijos de cierta edad");
        var parents = await ExpectCountAsync(page, new AllOf([adult, new HasChildrenCondition(0, 17)]));
        Assert.NotEqual(adults, parents);
        await FillAndExpectCountAsync(page, "Edad máxima de los hijos", "5", new AllOf([adult, new HasChildrenCondition(0, 5)]));
        HasChildrenCondition children = new(0, 12);
        var withChildren = await CountAsync(new AllOf([adult, children]));
        Assert.True(withChildren > 0, "the sample guardian has a child aged 0–12");
        await FillAndExpectCountAsync(page, "Edad máxima de los hijos", "12", new AllOf([adult, children]));

        // AND opened an email, on the web channel (nobody), then on the email channel.
        await AddConditionAsync(page, 3);
        await page.GetByLabel("Condición").Nth(3).ClickAsync();
        await PickAsync(page, "Eventos");
        await page.GetByLabel("Canal del evento").ClickAsync();
        await PickAsync(page, "Web");
        Assert.Equal(0, await ExpectCountAsync(page, new AllOf([adult, children, new EventCondition("email.opened", Channel: "web")])));
        await page.GetByLabel("Canal del evento").ClickAsync();
        await PickAsync(page, "Correo electrónico");
        EventCondition opened = new("email.opened", Channel: "email");
        await ExpectCountAsync(page, new AllOf([adult, children, opened]));

        // AND tags: ALL of vip and kids-club (nobody), then ANY of them.
        await AddConditionAsync(page, 4);
        await page.GetByLabel("Condición").Nth(4).ClickAsync();
        await PickAsync(page, "Etiqueta");
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync("…");
        await page.GetByLabel("Coincidencia").ClickAsync();
        await PickAsync(page, "Todas las etiquetas");
        await page.GetByLabel("Etiquetas", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "vip", Exact = true }).ClickAsync();
        await ExpectCountAsync(page, new AllOf([adult, children, opened, new TagCondition(["vip"], TagMatch.All)]));
        await page.GetByRole(AriaRole.Option, new() { Name = "kids-club", Exact = true }).ClickAsync();
        Assert.Equal(0, await ExpectCountAsync(page, new AllOf([adult, children, opened, new TagCondition(["kids-club", "vip"], TagMatch.All)])));
        await CloseListAsync(page);
        await page.GetByLabel("Coincidencia").ClickAsync();
        await PickAsync(page, "Alguna de las etiquetas");
        var definition = new AllOf([adult, children, opened, new TagCondition(["kids-club", "vip"], TagMatch.Any)]);
        var expected = await ExpectCountAsync(page, definition);
        Assert.True(expected > 0);
        await Assertions.Expect(page.GetByTestId("sample").GetByText(SampleData.GuardianName)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Condición en JSON")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "22-segment-builder-children-channel-tags");

        // Saved and opened again, it is the same definition in the same form fields.
        await page.GetByLabel("Nombre del segmento").FillAsync("Familias con niños que abren correos");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Segmento guardado")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Nuevo segmento" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("condition")).ToHaveCountAsync(1);
        await ExpectCountAsync(page, new AllOf([adult]));
        await page.GetByTestId("segment-list").GetByText("Familias con niños que abren correos").ClickAsync();
        await Assertions.Expect(page.GetByTestId("condition")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(expected.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("es-MX")));
        await Assertions.Expect(page.GetByLabel("Condición en JSON")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Edad máxima de los hijos")).ToHaveValueAsync("12");

        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = fixture.App.Workspace.Id;
        var saved = (await scope.ServiceProvider.GetRequiredService<SegmentService>().ListAsync()).Single(x => x.Name == "Familias con niños que abren correos");
        Assert.Equal(new SegmentDefinition { Root = definition }.ToJson(), saved.Definition.ToJson());
    }
}
