using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vinculo.Users;

namespace Vinculo.App.Users;

/// <summary>
/// Sessions that follow the password: a changed or reset password (new security stamp) ends the
/// person's other sessions within <see cref="SessionCheckInterval"/>, open pages included, and a
/// one-time password (<see cref="VinculoUser.MustChangePassword"/>) leads every page to
/// <see cref="ChangePasswordPath"/> until the person chooses their own.
/// </summary>
public static class AccountSecurity
{
    /// <summary>Present (value "true") on the sign-in cookie's principal while the password is one-time.</summary>
    public const string MustChangePasswordClaim = "vinculo.must_change_password";

    public const string ChangePasswordPath = "/account/password";

    /// <summary>How soon a changed security stamp ends the other sessions: one user lookup per session and interval.</summary>
    public static readonly TimeSpan SessionCheckInterval = TimeSpan.FromMinutes(1);

    // What a person with a one-time password may still reach: the change page, leaving, the language
    // switch, and what pages load (Blazor's script, package assets, files such as app.css).
    private static readonly string[] AllowedWhileForced = [ChangePasswordPath, "/account/signout", "/account/login", "/account/signin", "/culture", "/_framework", "/_content", "/health", "/api"];

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services)
    {
        services.AddScoped<IUserClaimsPrincipalFactory<VinculoUser>, VinculoClaimsPrincipalFactory>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) =>
        {
            o.ValidationInterval = SessionCheckInterval;
            o.TimeProvider = time;
        });
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserState>();
        services.AddScoped<AccountPasswords>();
        return services;
    }

    /// <summary>Sends a signed-in person with a one-time password to the change-password page, from wherever they asked.</summary>
    public static WebApplication UseForcedPasswordChange(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!MustChangePassword(context.User) || IsAllowedWhileForced(context.Request.Path))
            {
                await next(context);
                return;
            }

            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                var asked = context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(asked)}");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
        });
        return app;
    }

    public static bool MustChangePassword(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(MustChangePasswordClaim, "true");

    internal static bool IsAllowedWhileForced(PathString path) =>
        AllowedWhileForced.Any(allowed => path.StartsWithSegments(allowed, StringComparison.OrdinalIgnoreCase))
        || Path.HasExtension(path.Value);
}

/// <summary>Identity's principal plus the one-time password flag, so checking it costs no query per request.</summary>
internal sealed class VinculoClaimsPrincipalFactory(UserManager<VinculoUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<VinculoUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(VinculoUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AccountSecurity.MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}

/// <summary>
/// An open page (interactive circuit) outlives the cookie check: every <see cref="AccountSecurity.SessionCheckInterval"/>
/// the circuit compares the security stamp too, and a changed one signs the page out.
/// </summary>
internal sealed class RevalidatingUserState(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => AccountSecurity.SessionCheckInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        IsCurrentAsync(state.User);

    /// <summary>Whether the principal's user still exists with the same security stamp.</summary>
    internal async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
