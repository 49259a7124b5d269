using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Ingestion.Normalization;

/// <summary>What a rule does to a field's value: a transform rewrites it, a check only judges it.</summary>
public enum RuleKind
{
    /// <summary>Trim and fold white space.</summary>
    Trim = 0,
    /// <summary>Title case keeping accents, Spanish particles lower-case.</summary>
    PersonName = 1,
    Upper = 2,
    Lower = 3,
    /// <summary>Email syntax and lower-case.</summary>
    Email = 4,
    /// <summary>E.164; Argument = region (else the workspace country).</summary>
    Phone = 5,
    /// <summary>dd/mm/yyyy, yyyy-mm-dd, Excel serial → yyyy-MM-dd.</summary>
    Date = 6,
    /// <summary>Country name or code → ISO 3166-1 alpha-2.</summary>
    Country = 7,
    /// <summary>Mexican postal code, 5 digits.</summary>
    PostalCodeMx = 8,
    Gender = 9,
    /// <summary>Check: the value must match the regular expression in Argument.</summary>
    Regex = 20,
    /// <summary>Check: the value must be one of Argument's values separated by '|' (case- and accent-insensitive; the listed spelling wins).</summary>
    AllowedValues = 21,
    /// <summary>Check: the value must be present.</summary>
    Required = 22,
    /// <summary>Check: at most Argument characters.</summary>
    MaxLength = 23,
}

/// <summary>Error rejects the row; Warning keeps the row, drops a value that failed a transform and reports it.</summary>
public enum RuleSeverity
{
    Error = 0,
    Warning = 1,
}

/// <summary>
/// One step of a field's "homologación" in a workspace. A field with transform rules here uses them
/// instead of its built-in transforms; check rules add to the built-in ones.
/// </summary>
public sealed class NormalizationRule : WorkspaceEntity
{
    /// <summary>Field key: "email", "phone", "given_names", "postal_code", "custom:talla", …</summary>
    public required string Field { get; set; }
    public RuleKind Kind { get; set; }
    public RuleSeverity Severity { get; set; }
    public string? Argument { get; set; }
    /// <summary>Shown in the rejects file instead of the built-in reason when set.</summary>
    public string? Message { get; set; }
    public int Position { get; set; }
    public bool Enabled { get; set; } = true;
}

internal sealed class NormalizationRuleConfiguration : IEntityTypeConfiguration<NormalizationRule>
{
    public void Configure(EntityTypeBuilder<NormalizationRule> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId);
        b.Property(r => r.Field).HasMaxLength(100);
        b.Property(r => r.Argument).HasMaxLength(2000);
        b.Property(r => r.Message).HasMaxLength(500);
        b.HasIndex(r => new { r.WorkspaceId, r.Field, r.Position });
    }
}
