using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Vinculo.Storage;
using Vinculo.Users;

namespace Vinculo.App.Users;

/// <summary>
/// The users table is not owned by a workspace, so Identity gets an all-workspaces context of its own
/// for the request; no page or service receives that context.
/// </summary>
internal sealed class IdentityContextLease(VinculoDatabase database) : IDisposable
{
    public VinculoDbContext Context { get; } = database.OpenAll();

    public void Dispose() => Context.Dispose();
}

internal sealed class VinculoUserStore(IdentityContextLease lease, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<VinculoUser, VinculoDbContext>(lease.Context, describer);
