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

/// <summary>The duplicates review is in the menu for the roles that may edit contacts, in both languages.</summary>
public sealed class IdentityNavComponentTests
{
    [Theory]
    [InlineData("Viewer", "es-MX", null)]
    [InlineData("Analyst", "es-MX", null)]
    [InlineData("Agent", "es-MX", "Duplicados")]
    [InlineData("Marketer", "en", "Duplicates")]
    [InlineData("Admin", "es-MX", "Duplicados")]
    public async Task Duplicates_link_shows_for_roles_that_edit_contacts(string role, string culture, string? text)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            await using var ctx = new BunitContext();
            ctx.JSInterop.Mode = JSRuntimeMode.Loose;
            ctx.Services.AddMudServices();
            ctx.Services.AddLocalization();
            ctx.Services.AddVinculoAuthorization();
            ctx.Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
            var user = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(VinculoClaims.Workspace, Guid.NewGuid().ToString()), new Claim(VinculoClaims.Role, role)], "test"));
            ctx.Services.AddCascadingValue(_ => Task.FromResult(new AuthenticationState(user)));

            var links = ctx.Render<NavMenu>().FindAll("a[href='identity']");

            if (text is null)
            {
                Assert.Empty(links);
            }
            else
            {
                Assert.Equal(text, Assert.Single(links).TextContent.Trim());
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
