using Vinculo.Storage;

namespace Vinculo.Families;

public enum GuardianRelationship
{
    Mother = 0,
    Father = 1,
    LegalGuardian = 2,
    /// <summary>Any other adult responsible for the child (grandparent, aunt, tutor).</summary>
    OtherResponsibleAdult = 3,
}

/// <summary>An adult who speaks for a minor. Kept after the child ages out, as history.</summary>
public sealed class GuardianLink : WorkspaceEntity
{
    public Guid GuardianId { get; set; }
    public Guid MinorId { get; set; }
    public GuardianRelationship Relationship { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Set when the link stops being active: age-out, revoked, erased.</summary>
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }
    public bool IsActive => EndedAt is null;
}
