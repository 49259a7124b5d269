namespace Vinculo.Ingestion.Identity;

/// <summary>How identity resolution behaves; bound once in DI (per-workspace settings can layer on later).</summary>
public sealed class IdentityOptions
{
    public MatchThresholds Thresholds { get; set; } = new();
    /// <summary>Parameters of the probabilistic model; the hand-set default until a workspace fits its own.</summary>
    public MatchModel Model { get; set; } = MatchModel.Default;
    /// <summary>Fit m/u by EM on the workspace's own candidate pairs when there are at least this many (0: never).</summary>
    public int FitModelFromPairs { get; set; } = 2_000;
    public int MaxBlockSize { get; set; } = Blocking.DefaultMaxBlockSize;
    /// <summary>Contacts keyed, and candidate pairs compared, per batch.</summary>
    public int BatchSize { get; set; } = 2_000;
    public SurvivorshipPolicy Survivorship { get; set; } = new();
}

public enum SurvivorshipRule
{
    /// <summary>The value of the contact updated last, when it has one.</summary>
    MostRecent = 0,
    /// <summary>The value of the contact created first, when it has one.</summary>
    Oldest = 1,
    /// <summary>The longer value ("María José" over "María").</summary>
    Longest = 2,
    /// <summary>The value of the contact with more fields filled in.</summary>
    MostComplete = 3,
    /// <summary>The value of the contact whose Source comes first in <see cref="SurvivorshipPolicy.SourcePriority"/>.</summary>
    SourcePriority = 4,
}

/// <summary>Which value survives a merge, per field. Field names are the contact's property names (camelCase) or "custom.KEY".</summary>
public sealed class SurvivorshipPolicy
{
    public SurvivorshipRule Default { get; set; } = SurvivorshipRule.MostRecent;
    public Dictionary<string, SurvivorshipRule> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Contact sources, most trusted first (e.g. "pos", "ecommerce", "import").</summary>
    public List<string> SourcePriority { get; set; } = [];

    public SurvivorshipRule RuleFor(string field) => Fields.TryGetValue(field, out var rule) ? rule : Default;
}
