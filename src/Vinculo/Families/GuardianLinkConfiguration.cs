using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Contacts;

namespace Vinculo.Families;

internal sealed class GuardianLinkConfiguration : IEntityTypeConfiguration<GuardianLink>
{
    public void Configure(EntityTypeBuilder<GuardianLink> b)
    {
        b.Ignore(l => l.IsActive);
        b.Property(l => l.EndReason).HasMaxLength(100);
        b.HasOne<Contact>().WithMany().HasForeignKey(l => l.GuardianId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(l => l.MinorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.GuardianId);
        b.HasIndex(l => l.MinorId);
    }
}
