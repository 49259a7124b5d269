using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Vinculo.App.Components.Layout;
using Vinculo.App.Hosting;

namespace Vinculo.App.Tests.Components;

/// <summary>The navigation menu under the real authorization policies: each role sees only what it may open.</summary>
public sealed class NavMenuComponentTests
{
    [Theory]
    [InlineData("Viewer", false, false)]
    [InlineData("Agent", false, false)]
    [InlineData("Marketer", true, false)]
    [InlineData("Admin", true, true)]
    public async Task Shows_import_and_settings_only_to_roles_allowed_to_use_them(string role, bool seesImport, bool seesSettings)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        try
        {
            await using var ctx = new BunitContext();
            ctx.JSInterop.Mode = JSRuntimeMode.Loose;
            ctx.Services.AddMudServices();
            ctx.Services.AddLocalization();
            AddRealAuthorization(ctx);
            var user = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(VinculoClaims.Workspace, Guid.NewGuid().ToString()), new Claim(VinculoClaims.Role, role)], "test"));
            ctx.Services.AddCascadingValue(_ => Task.FromResult(new AuthenticationState(user)));

            var menu = ctx.Render<NavMenu>();

            Assert.Contains("Contactos", menu.Markup, StringComparison.Ordinal);
            Assert.Equal(seesImport, menu.FindAll("a[href='import']").Count == 1);
            Assert.Equal(seesSettings, menu.Markup.Contains("Claves de API", StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_user_without_a_workspace_sees_no_entries()
    {
        using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        AddRealAuthorization(ctx);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(VinculoClaims.Role, "Admin")], "test"));
        ctx.Services.AddCascadingValue(_ => Task.FromResult(new AuthenticationState(user)));

        var menu = ctx.Render<NavMenu>();

        Assert.Empty(menu.FindAll("a"));
    }

    // bUnit puts a stand-in authorization service first; the app's own policies and evaluator replace it.
    private static void AddRealAuthorization(BunitContext ctx)
    {
        ctx.Services.AddVinculoAuthorization();
        ctx.Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
    }
}
