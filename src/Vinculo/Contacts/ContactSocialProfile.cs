using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;

namespace Vinculo.Contacts;

/// <summary>A contact's profile on a social network (minimal: segments test presence per network).</summary>
public sealed class ContactSocialProfile : WorkspaceEntity
{
    public Guid ContactId { get; set; }
    /// <summary>Lower-case network name: facebook, instagram, x, tiktok, linkedin, youtube, …</summary>
    public required string Network { get; set; }
    public string? Handle { get; set; }
    public string? Url { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class ContactSocialProfileConfiguration : IEntityTypeConfiguration<ContactSocialProfile>
{
    public void Configure(EntityTypeBuilder<ContactSocialProfile> b)
    {
        b.Property(p => p.Network).HasMaxLength(40);
        b.Property(p => p.Handle).HasMaxLength(200);
        b.Property(p => p.Url).HasMaxLength(500);
        b.HasOne<Contact>().WithMany().HasForeignKey(p => p.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ContactId, p.Network });
    }
}
