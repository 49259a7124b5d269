namespace Vinculo.Workspaces;

/// <summary>A brand. One install serves several; every other row belongs to one.</summary>
public sealed class Workspace
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Slug { get; set; }
    /// <summary>ISO 3166-1 alpha-2; drives the default phone region and the age of majority.</summary>
    public string CountryCode { get; set; } = "MX";
    public int AgeOfMajority { get; set; } = 18;
    /// <summary>
    /// Below this age consent must be given by a guardian (GDPR art. 8: 13–16 by member state).
    /// Null: the age of majority (Mexico: a minor cannot consent alone).
    /// </summary>
    public int? DigitalConsentAge { get; set; }
    /// <summary>Below this age a guardian's consent must carry evidence (COPPA "verifiable parental consent": 13).</summary>
    public int ChildPrivacyAge { get; set; } = 13;
    public string DefaultLocale { get; set; } = "es-MX";
    public string TimeZone { get; set; } = "America/Mexico_City";
    public DateTime CreatedAt { get; set; }
}

public enum WorkspaceRole
{
    Viewer = 0,
    Agent = 1,
    Analyst = 2,
    Marketer = 3,
    Admin = 4,
}

/// <summary>A user's role is per workspace.</summary>
public sealed class WorkspaceMembership : Storage.IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string UserId { get; set; }
    public WorkspaceRole Role { get; set; }
}

/// <summary>An API key: only its SHA-256 hash is stored; the prefix lets a person recognise it.</summary>
public sealed class ApiKey : Storage.IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    public WorkspaceRole Role { get; set; } = WorkspaceRole.Admin;
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
