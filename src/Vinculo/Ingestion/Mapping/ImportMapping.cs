using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Ingestion.Mapping;

/// <summary>A saved column mapping, reused by name for files of the same shape (e.g. "Mailchimp", "POS tienda 3").</summary>
public sealed class ImportMapping : WorkspaceEntity
{
    public required string Name { get; set; }
    public ImportTarget Target { get; set; }
    /// <summary>The <see cref="ColumnMapping"/> as JSON.</summary>
    public string Columns { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class ImportMappingConfiguration : IEntityTypeConfiguration<ImportMapping>
{
    public void Configure(EntityTypeBuilder<ImportMapping> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId);
        b.Property(m => m.Name).HasMaxLength(200);
        b.Property(m => m.Columns).IsJson();
        b.HasIndex(m => new { m.WorkspaceId, m.Name }).IsUnique();
    }
}
