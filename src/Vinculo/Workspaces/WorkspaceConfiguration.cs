using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vinculo.Workspaces;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> b)
    {
        b.Property(w => w.Name).HasMaxLength(200);
        b.Property(w => w.Slug).HasMaxLength(100);
        b.HasIndex(w => w.Slug).IsUnique();
        b.Property(w => w.CountryCode).HasMaxLength(2);
        b.Property(w => w.DefaultLocale).HasMaxLength(20);
        b.Property(w => w.TimeZone).HasMaxLength(64);
    }
}

internal sealed class WorkspaceMembershipConfiguration : IEntityTypeConfiguration<WorkspaceMembership>
{
    public void Configure(EntityTypeBuilder<WorkspaceMembership> b)
    {
        b.Property(m => m.UserId).HasMaxLength(450);
        b.HasIndex(m => new { m.WorkspaceId, m.UserId }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(200);
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasOne<Workspace>().WithMany().HasForeignKey(k => k.WorkspaceId);
    }
}
