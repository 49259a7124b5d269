using Microsoft.AspNetCore.Identity;

namespace Vinculo.Users;

/// <summary>A person who signs in to the web UI. What they may do is per workspace (WorkspaceMembership).</summary>
public sealed class VinculoUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
}
