using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Contacts;
using Vinculo.Workspaces;

namespace Vinculo.Orders;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId);
        b.Property(p => p.Sku).HasMaxLength(100);
        b.Property(p => p.Name).HasMaxLength(300);
        b.Property(p => p.Category).HasMaxLength(100);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.Price).HasPrecision(18, 2);
        b.HasIndex(p => new { p.WorkspaceId, p.Sku }).IsUnique();
        b.HasIndex(p => new { p.WorkspaceId, p.Category });
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(o => o.WorkspaceId);
        b.HasOne<Contact>().WithMany().HasForeignKey(o => o.ContactId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        b.Property(o => o.ExternalId).HasMaxLength(100);
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.StoreCode).HasMaxLength(50);
        b.Property(o => o.Total).HasPrecision(18, 2);
        b.HasIndex(o => new { o.WorkspaceId, o.ContactId, o.OrderedAt });
        b.HasIndex(o => new { o.WorkspaceId, o.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.Property(l => l.Sku).HasMaxLength(100);
        b.Property(l => l.Description).HasMaxLength(300);
        b.Property(l => l.Quantity).HasPrecision(18, 3);
        b.Property(l => l.UnitPrice).HasPrecision(18, 2);
        b.Property(l => l.LineTotal).HasPrecision(18, 2);
        b.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(l => new { l.WorkspaceId, l.ProductId });
    }
}
