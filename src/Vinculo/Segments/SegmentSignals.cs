using System.Collections.Concurrent;

namespace Vinculo.Segments;

/// <summary>
/// The cheap trigger for event-driven refresh: writers of orders, events, consent or contacts call
/// <see cref="Changed"/> (in memory, no database work); the refresh worker drains the signals, marks
/// segments reading those kinds dirty with one UPDATE per workspace, and refreshes them.
/// </summary>
public sealed class SegmentSignals
{
    private readonly ConcurrentDictionary<Guid, int> _pending = new();

    /// <summary>Data of these kinds changed in the workspace.</summary>
    public void Changed(Guid workspaceId, SegmentDependency kinds) =>
        _pending.AddOrUpdate(workspaceId, (int)kinds, (_, existing) => existing | (int)kinds);

    /// <summary>Takes every pending signal, per workspace.</summary>
    public IReadOnlyList<(Guid WorkspaceId, SegmentDependency Kinds)> Drain()
    {
        var drained = new List<(Guid, SegmentDependency)>();
        foreach (var workspaceId in _pending.Keys)
        {
            if (_pending.TryRemove(workspaceId, out var kinds))
            {
                drained.Add((workspaceId, (SegmentDependency)kinds));
            }
        }

        return drained;
    }

    /// <summary>What an interaction type tells segments: orders and consent have their own kinds, the rest are events.</summary>
    public static SegmentDependency KindOfEvent(string type) =>
        type.StartsWith("order.", StringComparison.Ordinal) ? SegmentDependency.Orders | SegmentDependency.Events
        : type.StartsWith("consent.", StringComparison.Ordinal) ? SegmentDependency.Consent | SegmentDependency.Events
        : SegmentDependency.Events;
}
