using Microsoft.EntityFrameworkCore;

namespace Vinculo.Storage;

/// <summary>
/// The workspace the current request, circuit or job acts for. Scoped: the API sets it from the
/// API key, the UI from the signed-in user's choice, a worker for the item it claimed.
/// </summary>
public sealed class WorkspaceScope
{
    private Guid? _workspaceId;

    public Guid WorkspaceId
    {
        get => _workspaceId ?? throw new InvalidOperationException("No workspace chosen for this operation.");
        set => _workspaceId = value;
    }

    public bool HasWorkspace => _workspaceId is not null;
}

/// <summary>Hands out contexts bound to the scope's workspace: services ask this, never build contexts.</summary>
public sealed class ScopedDbContextFactory(VinculoDatabase database, WorkspaceScope scope) : IDbContextFactory<VinculoDbContext>
{
    public VinculoDbContext CreateDbContext() => database.Open(scope.WorkspaceId);
}
