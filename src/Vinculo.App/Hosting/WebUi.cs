using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Vinculo.App.Components;
using Vinculo.App.Users;
using Vinculo.Users;

namespace Vinculo.App.Hosting;

/// <summary>The Blazor UI: Identity sign-in by cookie, localization, MudBlazor, and the authentication scheme selection.</summary>
public static class WebUi
{
    /// <summary>Chooses per request: API calls authenticate by API key, everything else by the sign-in cookie.</summary>
    public const string SelectorScheme = "vinculo";

    public static readonly CultureInfo[] Cultures = [Spanish(), English()];

    public static IServiceCollection AddVinculoWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Cookie or API key", o => o.ForwardDefaultSelector = SelectScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(ConfigureCookie));

        services.AddScoped<IdentityContextLease>();
        services.AddIdentityCore<VinculoUser>(o =>
            {
                PasswordPolicy.Apply(o.Password);
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddUserStore<VinculoUserStore>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<IClaimsTransformation, WorkspaceClaimsTransformation>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitWorkspace>();

        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Only the visitor's explicit choice counts; the browser's language is not guessed.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseVinculoWebUi(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }

    private static string SelectScheme(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        || ApiKeyAuthentication.PresentedKey(context.Request) is not null
            ? ApiKeyAuthentication.Scheme
            : IdentityConstants.ApplicationScheme;

    private static void ConfigureCookie(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions o)
    {
        o.LoginPath = "/account/login";
        o.LogoutPath = "/account/signout";
        o.AccessDeniedPath = "/account/denied";
        o.Cookie.Name = "vinculo.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
    }

    private static CultureInfo Spanish() => new("es-MX");

    /// <summary>English with the day first, as the product's users read dates.</summary>
    private static CultureInfo English()
    {
        var culture = new CultureInfo("en");
        culture.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        return culture;
    }
}
