using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Analytics;

/// <summary>Lifecycle clusters from recency, frequency and monetary value of non-cancelled orders.</summary>
public enum LifecycleStage
{
    /// <summary>Never bought: conquest.</summary>
    Prospect,
    /// <summary>Bought recently but not (yet) often enough to be loyal.</summary>
    New,
    /// <summary>Bought recently, and at least the loyal order count and spend.</summary>
    Loyal,
    /// <summary>Vulnerable: no purchase for AtRiskAfterDays; win back before they are lost.</summary>
    AtRisk,
    /// <summary>No purchase for LostAfterDays.</summary>
    Lost,
}

/// <summary>A workspace's lifecycle thresholds (one row per workspace; defaults when none).</summary>
public sealed class RfmThresholds : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    /// <summary>Last purchase more than this many days ago: at risk.</summary>
    public int AtRiskAfterDays { get; set; } = 90;
    /// <summary>Last purchase more than this many days ago: lost.</summary>
    public int LostAfterDays { get; set; } = 365;
    /// <summary>Recent buyers with at least this many orders …</summary>
    public int LoyalMinOrders { get; set; } = 3;
    /// <summary>… and at least this total spent are loyal; other recent buyers are new.</summary>
    public decimal LoyalMinSpent { get; set; }
    public DateTime UpdatedAt { get; set; }

    public void Validate()
    {
        var errors = new Common.ValidationErrors();
        if (AtRiskAfterDays < 1)
        {
            errors.Add(nameof(AtRiskAfterDays), "must be at least 1 day");
        }

        if (LostAfterDays <= AtRiskAfterDays)
        {
            errors.Add(nameof(LostAfterDays), "must be more than AtRiskAfterDays");
        }

        if (LoyalMinOrders < 1)
        {
            errors.Add(nameof(LoyalMinOrders), "must be at least 1");
        }

        if (LoyalMinSpent < 0)
        {
            errors.Add(nameof(LoyalMinSpent), "must not be negative");
        }

        errors.ThrowIfAny();
    }
}

internal sealed class RfmThresholdsConfiguration : IEntityTypeConfiguration<RfmThresholds>
{
    public void Configure(EntityTypeBuilder<RfmThresholds> b)
    {
        b.ToTable("rfm_thresholds");
        b.HasKey(t => t.WorkspaceId);
        b.HasOne<Workspace>().WithOne().HasForeignKey<RfmThresholds>(t => t.WorkspaceId);
        b.Property(t => t.LoyalMinSpent).HasPrecision(18, 2);
    }
}
