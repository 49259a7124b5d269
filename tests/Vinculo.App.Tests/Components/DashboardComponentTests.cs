using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Vinculo.Analytics;
using Vinculo.App.Components.Pages;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.App.Tests.Components;

/// <summary>The dashboard page rendered by bUnit over the real DashboardService and a SQLite file.</summary>
public sealed class DashboardComponentTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("es-MX", "Menores de edad", "Correo abierto")]
    [InlineData("en", "Minors", "Email opened")]
    public async Task Shows_contact_and_minor_counts_in_the_chosen_language(string culture, string minorsLabel, string openedLabel)
    {
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await using (var db = _db.Database.Open(_db.Workspace.Id))
        {
            db.AddRange(
                new Contact { DisplayName = "Ana López", BirthDate = new DateOnly(1990, 1, 1) },
                new Contact { DisplayName = "Sofía López", BirthDate = new DateOnly(2015, 6, 1) },
                new Contact { DisplayName = "Borrado", Status = ContactStatus.Erased },
                new Vinculo.Timeline.Interaction { Type = "email.opened", Channel = "email", OccurredAt = now.UtcDateTime.AddDays(-2), RecordedAt = now.UtcDateTime.AddDays(-2) });
            await db.SaveChangesAsync();
        }

        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            await using var ctx = NewContext(now);
            var page = ctx.Render<Dashboard>();
            page.WaitForAssertion(() => Assert.Contains(minorsLabel, page.Markup, StringComparison.Ordinal));
            Assert.Equal("2", page.Find("[data-testid=stat-contacts] strong").TextContent);
            Assert.Equal("1", page.Find("[data-testid=stat-minors] strong").TextContent);
            Assert.Contains(openedLabel, page.Markup, StringComparison.Ordinal); // event types by their label, not their code
            Assert.DoesNotContain("email.opened", page.Markup, StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private BunitContext NewContext(DateTimeOffset now)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddSingleton(_db.Database);
        ctx.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        ctx.Services.AddScoped(_ => new WorkspaceScope { WorkspaceId = _db.Workspace.Id });
        ctx.Services.AddScoped<IDbContextFactory<VinculoDbContext>, ScopedDbContextFactory>();
        ctx.Services.AddDashboard();
        return ctx;
    }
}
