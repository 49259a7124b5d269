using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Vinculo.App.Components.Lifecycle;
using Vinculo.App.Hosting;
using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Components;

/// <summary>The lifecycle page rendered by bUnit over the real RfmService, a SQLite file and the real policies.</summary>
public sealed class LifecyclePageComponentTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var db = _db.Database.Open(_db.Workspace.Id);
        var buyer = new Contact { DisplayName = "Ana López" };
        db.AddRange(buyer, new Contact { DisplayName = "Luis Pérez" }, new Contact { DisplayName = "Eva Ruiz" });
        db.Add(new Order { ContactId = buyer.Id, OrderedAt = Now.UtcDateTime.AddDays(-200), Total = 350 });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("Viewer", false)]
    [InlineData("Marketer", true)]
    public async Task Shows_clusters_to_every_reader_and_edits_only_for_marketing(string role, bool canEdit)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        try
        {
            await using var ctx = NewContext(role);
            var page = ctx.Render<LifecyclePage>();
            page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=cluster-Prospect] [data-testid=count]").TextContent));

            Assert.Equal("1", page.Find("[data-testid=cluster-AtRisk] [data-testid=count]").TextContent);
            Assert.Contains("compró hace 200 días", page.Find("[data-testid=cluster-AtRisk] [data-testid=average]").TextContent, StringComparison.Ordinal);
            Assert.Contains("Retención", page.Find("[data-testid=cluster-AtRisk]").TextContent, StringComparison.Ordinal);
            Assert.Equal(canEdit, page.Markup.Contains("Guardar umbrales", StringComparison.Ordinal));
            Assert.Equal(canEdit ? 5 : 0, page.FindAll("[data-testid=lifecycle-clusters] button").Count);
            Assert.Equal(canEdit ? 0 : 4, page.FindAll("input[readonly]").Count);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private BunitContext NewContext(string role)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddSingleton(_db.Database);
        ctx.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        ctx.Services.AddScoped(_ => new WorkspaceScope { WorkspaceId = _db.Workspace.Id });
        ctx.Services.AddScoped<IDbContextFactory<VinculoDbContext>, ScopedDbContextFactory>();
        ctx.Services.AddScoped<WorkspaceTimeZone>();
        ctx.Services.AddSegments();
        // bUnit puts a stand-in authorization service first; the app's own policies and evaluator replace it.
        ctx.Services.AddVinculoAuthorization();
        ctx.Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(VinculoClaims.Workspace, _db.Workspace.Id.ToString()), new Claim(VinculoClaims.Role, role)], "test"));
        ctx.Services.AddCascadingValue(_ => Task.FromResult(new AuthenticationState(user)));
        return ctx;
    }
}
