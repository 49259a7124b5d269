using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vinculo.Storage;

public static class JsonColumn
{
    internal const string Annotation = "Vinculo:Json";

    /// <summary>Marks a string property as a JSON document: jsonb on PostgreSQL, TEXT on SQLite.</summary>
    public static PropertyBuilder<string> IsJson(this PropertyBuilder<string> property) =>
        property.HasAnnotation(Annotation, true);
}
