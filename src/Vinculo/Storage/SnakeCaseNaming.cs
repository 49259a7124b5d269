using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Vinculo.Storage;

/// <summary>Plural snake_case tables and snake_case columns, so hand-written SQL needs no quoting on PostgreSQL.</summary>
internal static class SnakeCaseNaming
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.IsOwned() && entity.GetTableName() == entity.FindOwnership()?.PrincipalEntityType.GetTableName())
            {
                continue;
            }

            var explicitTable = entity.FindAnnotation(Microsoft.EntityFrameworkCore.Metadata.RelationalAnnotationNames.TableName)?.Value as string;
            var tableName = explicitTable ?? Pluralize(ToSnake(entity.ClrType.Name));
            entity.SetTableName(tableName);
            var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnake(property.GetColumnName(table) ?? property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnake(key.GetName() ?? ""));
            }

            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(ToSnake(fk.GetConstraintName() ?? ""));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnake(index.GetDatabaseName() ?? ""));
            }
        }
    }

    public static string ToSnake(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return name;
        }

        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Pluralize(string snake) =>
        snake.EndsWith('s') || snake.EndsWith('x') ? snake + "es"
        : snake.EndsWith('y') && !snake.EndsWith("ey") ? snake[..^1] + "ies"
        : snake + "s";
}
