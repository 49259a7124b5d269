using Vinculo.Storage;

namespace Vinculo.Segments;

/// <summary>What kinds of data a segment reads, so a change of that kind marks it for refresh.</summary>
[Flags]
public enum SegmentDependency
{
    None = 0,
    Contacts = 1,
    Orders = 2,
    Events = 4,
    Consent = 8,
    Tags = 16,
    Families = 32,
    Organizations = 64,
    Social = 128,
    /// <summary>Relative windows (last N days, age, birthday): results move with the clock alone.</summary>
    Time = 256,
    /// <summary>
    /// Which contacts can be members at all: one was created, deleted, blocked, unblocked, erased or merged.
    /// Every segment reads it (members are active contacts, and a new contact can match a NOT).
    /// </summary>
    ActiveContacts = 512,
}

/// <summary>A named audience: a versioned definition and its materialized membership.</summary>
public sealed class Segment : WorkspaceEntity
{
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The current <see cref="SegmentDefinition"/> as JSON.</summary>
    public required string Definition { get; set; }
    /// <summary>Revision number, 1 on creation, +1 on each change of the definition.</summary>
    public int Version { get; set; } = 1;
    public SegmentDependency DependsOn { get; set; }
    /// <summary>Data it depends on changed since the last refresh.</summary>
    public bool IsDirty { get; set; } = true;
    public DateTime? LastRefreshedAt { get; set; }
    public int MemberCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Every definition a segment has had; append-only.</summary>
public sealed class SegmentRevision : WorkspaceEntity
{
    public Guid SegmentId { get; set; }
    public int Version { get; set; }
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A stay of a contact in a segment: open while ExitedAt is null; re-entry opens a new row.</summary>
public sealed class SegmentMembership : WorkspaceEntity
{
    public Guid SegmentId { get; set; }
    public Guid ContactId { get; set; }
    public DateTime EnteredAt { get; set; }
    public DateTime? ExitedAt { get; set; }
}
