using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vinculo.Analytics;
using Vinculo.Segments;
using Vinculo.Storage;

namespace Vinculo.App.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LifecycleBrowserTests(BrowserFixture fixture)
{
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-MX");

    private async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = fixture.App.Workspace.Id;
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<RfmSummary> SummaryAsync() => WithServiceAsync<RfmService, RfmSummary>(rfm => rfm.SummarizeAsync());

    private static ILocator Cluster(IPage page, LifecycleStage stage) => page.GetByTestId($"cluster-{stage}");

    /// <summary>Waits until every cluster's count on the page is the one the core computes now.</summary>
    private async Task<RfmSummary> ExpectCountsAsync(IPage page)
    {
        var summary = await SummaryAsync();
        foreach (var cluster in summary.Clusters)
        {
            await Assertions.Expect(Cluster(page, cluster.Stage).GetByTestId("count")).ToHaveTextAsync(cluster.Contacts.ToString("N0", Es));
        }

        return summary;
    }

    /// <summary>Types a threshold, leaves the field, and waits until the server has taken it (the form shows unsaved changes).</summary>
    private static async Task TypeThresholdAsync(IPage page, string label, string value)
    {
        await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        await page.GetByLabel(label, new() { Exact = true }).PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("thresholds-unsaved")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Clusters_follow_the_thresholds_and_a_cluster_becomes_a_segment()
    {
        try
        {
            var page = await fixture.SignedInPageAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ciclo de vida" })).ToBeVisibleAsync();
            await BrowserFixture.GotoInteractiveAsync(page, "/lifecycle");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ciclo de vida", Exact = true })).ToBeVisibleAsync();

            // The sample guardian bought once: a new customer under the default thresholds (loyal from 3 orders).
            var before = await ExpectCountsAsync(page);
            var newBefore = before.Clusters.Single(c => c.Stage == LifecycleStage.New).Contacts;
            var loyalBefore = before.Clusters.Single(c => c.Stage == LifecycleStage.Loyal).Contacts;
            Assert.True(newBefore > 0, "the sample data has a recent one-order buyer");
            await Assertions.Expect(Cluster(page, LifecycleStage.Loyal).GetByTestId("rule")).ToHaveTextAsync("Compró en los últimos 90 días y tiene 3 o más pedidos.");
            await BrowserFixture.ScreenshotAsync(page, "30-lifecycle");

            // Loyal from one order: every recent buyer becomes loyal, on the page as in the core.
            await TypeThresholdAsync(page, "Leal desde (pedidos)", "1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar umbrales" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("thresholds-saved")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("thresholds-unsaved")).ToHaveCountAsync(0);
            await Assertions.Expect(Cluster(page, LifecycleStage.Loyal).GetByTestId("rule")).ToHaveTextAsync("Compró en los últimos 90 días y tiene 1 o más pedidos.");
            var after = await ExpectCountsAsync(page);
            Assert.Equal(0, after.Clusters.Single(c => c.Stage == LifecycleStage.New).Contacts);
            Assert.Equal(loyalBefore + newBefore, after.Clusters.Single(c => c.Stage == LifecycleStage.Loyal).Contacts);

            // A lost window shorter than the at-risk one is refused next to its field; nothing is saved.
            await TypeThresholdAsync(page, "Perdido tras (días sin comprar)", "30");
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar umbrales" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Debe ser mayor que los días para «en riesgo».")).ToBeVisibleAsync();
            Assert.Equal(365, (await SummaryAsync()).Thresholds.LostAfterDays);
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await BrowserFixture.ScreenshotAsync(page, "31-lifecycle-thresholds-error");

            // From the loyal cluster to a saved segment, opened in the builder with the same count.
            var loyal = after.Clusters.Single(c => c.Stage == LifecycleStage.Loyal).Contacts;
            await Cluster(page, LifecycleStage.Loyal).GetByRole(AriaRole.Button, new() { Name = "Crear segmento" }).ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/segments?id=", StringComparison.Ordinal));
            await BrowserFixture.WaitInteractiveAsync(page);
            // Created with its members already counted in the list.
            var row = page.GetByTestId("segment-list").Locator("tr", new() { Has = page.GetByText("Clientes leales", new() { Exact = true }) });
            await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(loyal.ToString("N0", Es));
            await Assertions.Expect(page.GetByLabel("Nombre del segmento")).ToHaveValueAsync("Clientes leales");
            await Assertions.Expect(page.GetByTestId("live-count")).ToHaveTextAsync(loyal.ToString("N0", Es));
            await BrowserFixture.ScreenshotAsync(page, "32-lifecycle-segment");

            var saved = (await WithServiceAsync<SegmentService, IReadOnlyList<SegmentView>>(s => s.ListAsync())).Where(s => LifecycleSegments.IsStage(s.Definition, LifecycleStage.Loyal)).ToList();
            Assert.Equal("Clientes leales", Assert.Single(saved).Name);
        }
        finally
        {
            // The browser tests share one workspace: leave the default thresholds behind.
            await WithServiceAsync<RfmService, RfmThresholds>(rfm => rfm.SaveThresholdsAsync(new RfmThresholds()));
        }
    }
}
