using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Vinculo.App.Hosting;
using Vinculo.Storage;

namespace Vinculo.App.Users;

/// <summary>
/// An interactive circuit has its own DI scope, which the request middleware never sees: bind the
/// circuit's <see cref="WorkspaceScope"/> to the signed-in user's workspace before any page renders.
/// </summary>
internal sealed class CircuitWorkspace(AuthenticationStateProvider auth, WorkspaceScope scope, Vinculo.Audit.AuditActor actor) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.WorkspaceId() is { } workspaceId)
        {
            scope.WorkspaceId = workspaceId;
            // What the circuit's services write to the audit log is the signed-in person's doing.
            actor.Name = Api.AuditFilter.ActorName(user);
        }
    }
}
