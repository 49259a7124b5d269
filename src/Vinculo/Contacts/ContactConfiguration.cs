using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Contacts;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId);
        b.Property(c => c.GivenNames).HasMaxLength(200);
        b.Property(c => c.PaternalSurname).HasMaxLength(200);
        b.Property(c => c.MaternalSurname).HasMaxLength(200);
        b.Property(c => c.DisplayName).HasMaxLength(600);
        b.Property(c => c.Gender).HasMaxLength(20);
        b.Property(c => c.Locale).HasMaxLength(20);
        b.Property(c => c.TimeZone).HasMaxLength(64);
        b.Property(c => c.ExternalId).HasMaxLength(200);
        b.Property(c => c.CustomFields).IsJson();
        b.Property(c => c.SearchName).HasMaxLength(600);
        // Covers the contacts list: name order, the id tie-break and the status filter without reading rows.
        b.HasIndex(c => new { c.WorkspaceId, c.SearchName, c.Id, c.Status });
        b.HasIndex(c => new { c.WorkspaceId, c.PaternalSurname });
        b.HasIndex(c => new { c.WorkspaceId, c.ExternalId });
        b.HasIndex(c => new { c.WorkspaceId, c.BirthDate });
        b.HasMany(c => c.Emails).WithOne().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Phones).WithOne().HasForeignKey(p => p.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Addresses).WithOne().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactEmailConfiguration : IEntityTypeConfiguration<ContactEmail>
{
    public void Configure(EntityTypeBuilder<ContactEmail> b)
    {
        b.Property(e => e.Address).HasMaxLength(320);
        b.Property(e => e.Label).HasMaxLength(40);
        b.HasIndex(e => new { e.WorkspaceId, e.Address });
    }
}

internal sealed class ContactPhoneConfiguration : IEntityTypeConfiguration<ContactPhone>
{
    public void Configure(EntityTypeBuilder<ContactPhone> b)
    {
        b.Property(p => p.Number).HasMaxLength(20);
        b.Property(p => p.Label).HasMaxLength(40);
        b.HasIndex(p => new { p.WorkspaceId, p.Number });
    }
}

internal sealed class PostalAddressConfiguration : IEntityTypeConfiguration<PostalAddress>
{
    public void Configure(EntityTypeBuilder<PostalAddress> b)
    {
        b.Property(a => a.Label).HasMaxLength(40);
        b.Property(a => a.Street).HasMaxLength(300);
        b.Property(a => a.ExteriorNumber).HasMaxLength(40);
        b.Property(a => a.InteriorNumber).HasMaxLength(40);
        b.Property(a => a.Neighborhood).HasMaxLength(200);
        b.Property(a => a.City).HasMaxLength(200);
        b.Property(a => a.State).HasMaxLength(200);
        b.Property(a => a.PostalCode).HasMaxLength(20);
        b.Property(a => a.CountryCode).HasMaxLength(2);
        b.HasIndex(a => new { a.WorkspaceId, a.PostalCode });
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactTagConfiguration : IEntityTypeConfiguration<ContactTag>
{
    public void Configure(EntityTypeBuilder<ContactTag> b)
    {
        b.HasKey(t => new { t.ContactId, t.Name });
        b.Property(t => t.Name).HasMaxLength(100);
        // Covering, so a tag's contacts are read from the index alone.
        b.HasIndex(t => new { t.WorkspaceId, t.Name, t.ContactId });
    }
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(d => d.WorkspaceId);
        b.Property(d => d.Key).HasMaxLength(64);
        b.Property(d => d.Label).HasMaxLength(200);
        b.Property(d => d.ValidationPattern).HasMaxLength(500);
        b.HasIndex(d => new { d.WorkspaceId, d.Target, d.Key }).IsUnique();
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(o => o.WorkspaceId);
        b.Property(o => o.Name).HasMaxLength(300);
        b.Property(o => o.LegalName).HasMaxLength(300);
        b.Property(o => o.TaxId).HasMaxLength(20);
        b.Property(o => o.Industry).HasMaxLength(100);
        b.Property(o => o.CountryCode).HasMaxLength(2);
        b.Property(o => o.Domain).HasMaxLength(253);
        b.Property(o => o.ExternalId).HasMaxLength(200);
        b.Property(o => o.CustomFields).IsJson();
        b.HasIndex(o => new { o.WorkspaceId, o.Name });
        b.HasIndex(o => new { o.WorkspaceId, o.Domain });
    }
}

internal sealed class OrganizationMembershipConfiguration : IEntityTypeConfiguration<OrganizationMembership>
{
    public void Configure(EntityTypeBuilder<OrganizationMembership> b)
    {
        b.Property(m => m.Role).HasMaxLength(100);
        b.Property(m => m.Title).HasMaxLength(200);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.OrganizationId, m.ContactId });
    }
}
