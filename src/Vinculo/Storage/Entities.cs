namespace Vinculo.Storage;

/// <summary>Every stored row belongs to one workspace (a brand); the DbContext filters on it.</summary>
public interface IWorkspaceOwned
{
    Guid WorkspaceId { get; set; }
}

/// <summary>Base for rows keyed by a client-generated, time-ordered id so bulk paths need no round trip.</summary>
public abstract class WorkspaceEntity : IWorkspaceOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
}
