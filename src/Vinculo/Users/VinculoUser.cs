using Microsoft.AspNetCore.Identity;

namespace Vinculo.Users;

/// <summary>A person who signs in to the web UI. What they may do is per workspace (WorkspaceMembership).</summary>
public sealed class VinculoUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The password was handed out by an Admin (added or reset), so someone else knows it: every page
    /// leads to the change-password page until the person chooses their own.
    /// </summary>
    public bool MustChangePassword { get; set; }
}
