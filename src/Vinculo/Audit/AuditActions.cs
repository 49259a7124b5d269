using System.Linq.Expressions;

namespace Vinculo.Audit;

/// <summary>The action names of administrative changes (contacts' reads and changes name theirs where they happen).</summary>
public static class AuditActions
{
    public const string UserAdded = "user.added";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserRemoved = "user.removed";
    public const string UserUnlocked = "user.unlocked";
    public const string UserPasswordReset = "user.password_reset";
    public const string UserPasswordChanged = "user.password_changed";

    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";

    public const string CustomFieldCreated = "custom_field.created";
    public const string CustomFieldUpdated = "custom_field.updated";
    public const string CustomFieldDeleted = "custom_field.deleted";
    public const string NormalizationRulesSaved = "normalization.rules_saved";
    public const string MergeRulesSaved = "identity.merge_rules_saved";
    public const string RfmThresholdsSaved = "rfm.thresholds_saved";
    public const string SegmentCreated = "segment.created";
    public const string SegmentUpdated = "segment.updated";
    public const string SegmentDeleted = "segment.deleted";

    /// <summary>Every action this class names, for pickers.</summary>
    public static readonly IReadOnlyList<string> Administrative =
    [
        UserAdded, UserRoleChanged, UserRemoved, UserUnlocked, UserPasswordReset, UserPasswordChanged,
        ApiKeyCreated, ApiKeyRevoked,
        CustomFieldCreated, CustomFieldUpdated, CustomFieldDeleted, NormalizationRulesSaved, MergeRulesSaved, RfmThresholdsSaved,
        SegmentCreated, SegmentUpdated, SegmentDeleted,
    ];

    /// <summary>The group an action belongs to, as the audit page filters them.</summary>
    public static AuditActionGroup? GroupOf(string action)
    {
        foreach (var (group, matches) in Compiled)
        {
            if (matches(action))
            {
                return group;
            }
        }

        return null;
    }

    private static readonly (AuditActionGroup Group, Func<string, bool> Matches)[] Compiled =
        [.. Enum.GetValues<AuditActionGroup>().Select(g => (g, Matches(g).Compile()))];

    /// <summary>The condition on <see cref="AuditEntry.Action"/> for a group, translatable to SQL (prefix and suffix LIKEs).</summary>
    public static Expression<Func<string, bool>> Matches(AuditActionGroup group) => group switch
    {
        // Reads are "….read" / "…_read" (API filters) and the access export.
        AuditActionGroup.ContactsRead => a => a.EndsWith("read") || a == "privacy.exported",
        AuditActionGroup.ContactsChanged => a => (a.StartsWith("contact.") || a.StartsWith("consent.") || a.StartsWith("privacy."))
            && !a.EndsWith("read") && a != "privacy.exported",
        AuditActionGroup.Users => a => a.StartsWith("user."),
        AuditActionGroup.ApiKeys => a => a.StartsWith("api_key."),
        AuditActionGroup.Settings => a => a.StartsWith("custom_field.") || a.StartsWith("normalization.") || a.StartsWith("identity.")
            || a.StartsWith("rfm.") || a.StartsWith("segment."),
        _ => a => false,
    };
}

public enum AuditActionGroup
{
    ContactsRead,
    ContactsChanged,
    Users,
    ApiKeys,
    Settings,
}
