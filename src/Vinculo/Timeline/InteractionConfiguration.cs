using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Timeline;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId);
        b.HasOne<Contact>().WithMany().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.Property(i => i.Type).HasMaxLength(100);
        b.Property(i => i.Channel).HasMaxLength(40);
        b.Property(i => i.IdempotencyKey).HasMaxLength(200);
        b.Property(i => i.Source).HasMaxLength(100);
        b.Property(i => i.Properties).IsJson();
        b.HasIndex(i => new { i.WorkspaceId, i.ContactId, i.OccurredAt });
        b.HasIndex(i => new { i.WorkspaceId, i.Type, i.OccurredAt });
        b.HasIndex(i => new { i.WorkspaceId, i.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
    }
}
