using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Vinculo.App.Hosting;
using Vinculo.Workspaces;

namespace Vinculo.App.Users;

/// <summary>
/// Gives a signed-in user the workspace they chose (cookie <see cref="WorkspaceCookie"/>, else their
/// first) and their role there. Read on every request so a changed or removed membership takes
/// effect at once. API-key principals already carry both claims and are left alone.
/// </summary>
internal sealed class WorkspaceClaimsTransformation(WorkspaceService workspaces, IHttpContextAccessor http) : IClaimsTransformation
{
    public const string WorkspaceCookie = "vinculo.workspace";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, AuthenticationType: var type }
            || type != IdentityConstants.ApplicationScheme
            || principal.HasClaim(c => c.Type == VinculoClaims.Workspace))
        {
            return principal;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return principal;
        }

        var mine = await workspaces.ListForUserAsync(userId);
        if (mine.Count == 0)
        {
            return principal;
        }

        var chosen = Guid.TryParse(http.HttpContext?.Request.Cookies[WorkspaceCookie], out var id)
            ? mine.Where(m => m.Workspace.Id == id).DefaultIfEmpty(mine[0]).First()
            : mine[0];
        var identity = new ClaimsIdentity(
            [new Claim(VinculoClaims.Workspace, chosen.Workspace.Id.ToString()), new Claim(VinculoClaims.Role, chosen.Role.ToString())]);
        var result = principal.Clone();
        result.AddIdentity(identity);
        return result;
    }
}
