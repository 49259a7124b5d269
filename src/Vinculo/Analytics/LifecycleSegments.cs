using Vinculo.Common;
using Vinculo.Segments;

namespace Vinculo.Analytics;

/// <summary>The saved segment for a lifecycle stage and whether this call created it.</summary>
public sealed record LifecycleSegment(SegmentView Segment, bool Created);

/// <summary>
/// From a lifecycle cluster to a campaign audience: the saved segment whose whole definition is that stage,
/// created when the workspace has none yet (so one click twice never makes two segments), with its members
/// materialized at once so the new audience is ready to use.
/// </summary>
public sealed class LifecycleSegments(SegmentService segments, SegmentRefresher refresher)
{
    /// <summary>The stage's definition as the builder saves it (a group holding the one condition), so opening and saving it in the builder changes nothing.</summary>
    public static SegmentDefinition DefinitionOf(LifecycleStage stage) => new() { Root = new AllOf([new LifecycleCondition(stage)]) };

    /// <summary>A segment is the stage's when its definition is the stage's condition alone, bare or in a one-condition AND/OR group.</summary>
    public static bool IsStage(SegmentDefinition definition, LifecycleStage stage) => definition.Root switch
    {
        LifecycleCondition l => l.Stage == stage,
        AllOf { Conditions: [LifecycleCondition l] } => l.Stage == stage,
        AnyOf { Conditions: [LifecycleCondition l] } => l.Stage == stage,
        _ => false,
    };

    /// <summary>The existing segment of the stage, or a new one named <paramref name="name"/> (numbered when another segment has that name).</summary>
    public async Task<LifecycleSegment> EnsureAsync(LifecycleStage stage, string name, string? description, CancellationToken ct = default)
    {
        var all = await segments.ListAsync(ct);
        var existing = all.FirstOrDefault(s => IsStage(s.Definition, stage));
        if (existing is not null)
        {
            return new LifecycleSegment(existing, false);
        }

        var names = all.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var free = name.Trim();
        for (var n = 2; names.Contains(free); n++)
        {
            free = $"{name.Trim()} ({n})";
        }

        try
        {
            var created = await segments.CreateAsync(new SegmentInput(free, description, DefinitionOf(stage)), ct);
            await refresher.RefreshAsync(created.Id, ct);
            return new LifecycleSegment(await segments.GetAsync(created.Id, ct), true);
        }
        catch (ConflictException)
        {
            // Someone created it at the same moment: theirs is the one.
            var raced = (await segments.ListAsync(ct)).FirstOrDefault(s => IsStage(s.Definition, stage));
            return raced is null ? throw new ConflictException($"A segment named '{free}' already exists.") : new LifecycleSegment(raced, false);
        }
    }
}
