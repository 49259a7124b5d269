using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Vinculo.App.Components.Shared;
using Vinculo.App.Resources;
using Vinculo.App.Users;
using Vinculo.Ingestion;
using Vinculo.Users;

namespace Vinculo.App.Hosting;

/// <summary>
/// Sign-in, sign-out, workspace and language switches: plain HTTP endpoints because they set cookies,
/// which an interactive circuit cannot. Form posts check the antiforgery token themselves, so a missing one is a plain 400.
/// </summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account");

        account.MapPost("/signin", async (HttpContext context, IAntiforgery antiforgery, SignInManager<VinculoUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var fields = await context.Request.ReadFormAsync();
            var form = new LoginForm { Email = fields["Email"], Password = fields["Password"], ReturnUrl = fields["ReturnUrl"] };
            var returnUrl = SafeReturnUrl(form.ReturnUrl);
            var result = await signIn.PasswordSignInAsync(form.Email?.Trim() ?? "", form.Password ?? "", isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Results.LocalRedirect(returnUrl);
            }

            var error = result.IsLockedOut ? "locked" : "invalid";
            return Results.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }).AllowAnonymous();

        account.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<VinculoUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization();

        // A preference, not a privilege: the claims transformation only honours workspaces the user belongs to.
        account.MapGet("/workspace/{id:guid}", (Guid id, string? returnUrl, HttpContext context) =>
        {
            context.Response.Cookies.Append(WorkspaceClaimsTransformation.WorkspaceCookie, id.ToString(),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).RequireAuthorization();

        // The wizard's rejects link: the API's download needs a key, this one the sign-in cookie.
        // In the user's language and safe to open in a spreadsheet; the API gives the stored file as is.
        app.MapGet("/import/{id:guid}/rejects", async (Guid id, ImportService imports, IStringLocalizer<Strings> texts, HttpContext context, CancellationToken ct) =>
        {
            var stored = await imports.OpenRejectsAsync(id, ct);
            return Results.Stream(async body =>
            {
                await using (stored)
                {
                    await RejectsText.WriteAsync(stored, body, texts, ct);
                }
            }, "text/csv; charset=utf-8", $"{texts["Rejects_FileName"]}-{id:N}.csv");
        }).RequireAuthorization(Policies.Marketing);

        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (WebUi.Cultures.Any(c => c.Name == culture))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            }

            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).AllowAnonymous();
    }

    /// <summary>Only paths on this site, so a crafted link cannot send a signed-in user elsewhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";

    internal sealed class LoginForm
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }
}
