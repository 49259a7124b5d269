using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Hosting;

/// <summary>
/// API keys: "X-Api-Key: vk_…" or "Authorization: Bearer vk_…". A valid key becomes a principal with
/// the key's workspace and role; the WorkspaceScope middleware binds the request to that workspace.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "vinculo:api-key";

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        return services;
    }

    /// <summary>The key presented on the request, from either header; null when there is none.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
               && authorization[bearer.Length..].Trim().StartsWith(ApiKeyHashing.KeyPrefix, StringComparison.Ordinal)
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}

public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiKeyAuthentication.PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await Context.RequestServices.GetRequiredService<ApiKeyService>().VerifyAsync(presented, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, $"apikey:{identity.KeyId}"),
                new Claim(ClaimTypes.Name, identity.Name),
                new Claim(ApiKeyAuthentication.KeyIdClaim, identity.KeyId.ToString()),
                new Claim(VinculoClaims.Workspace, identity.WorkspaceId.ToString()),
                new Claim(VinculoClaims.Role, identity.Role.ToString()),
            ],
            ApiKeyAuthentication.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyAuthentication.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{ApiKeyAuthentication.Scheme} header=\"{ApiKeyAuthentication.HeaderName}\", Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required: send it as X-Api-Key or Authorization: Bearer.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "This API key's role does not allow this operation.");

    private Task WriteProblemAsync(int status, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Detail = detail },
        }).AsTask();
    }
}
