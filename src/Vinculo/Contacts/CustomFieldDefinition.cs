using Vinculo.Storage;

namespace Vinculo.Contacts;

public enum CustomFieldType
{
    Text = 0,
    Number = 1,
    Date = 2,
    Boolean = 3,
    Choice = 4,
    MultiChoice = 5,
}

public enum CustomFieldTarget
{
    Contact = 0,
    Organization = 1,
}

/// <summary>A custom field's type and rules: the "homologación" of what each value may be.</summary>
public sealed class CustomFieldDefinition : WorkspaceEntity
{
    /// <summary>Stable key used in JSON and in segment conditions, e.g. "talla_ropa".</summary>
    public required string Key { get; set; }
    public required string Label { get; set; }
    public CustomFieldTarget Target { get; set; }
    public CustomFieldType Type { get; set; }
    public bool Required { get; set; }
    /// <summary>For Choice / MultiChoice: the allowed values.</summary>
    public List<string> AllowedValues { get; set; } = [];
    /// <summary>Optional regular expression a Text value must match.</summary>
    public string? ValidationPattern { get; set; }
    public decimal? MinNumber { get; set; }
    public decimal? MaxNumber { get; set; }
}
