using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.Segments;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Description).HasMaxLength(2000);
        b.Property(s => s.Definition).IsJson();
        b.HasIndex(s => new { s.WorkspaceId, s.Name }).IsUnique();
    }
}

internal sealed class SegmentRevisionConfiguration : IEntityTypeConfiguration<SegmentRevision>
{
    public void Configure(EntityTypeBuilder<SegmentRevision> b)
    {
        b.Property(r => r.Definition).IsJson();
        b.HasOne<Segment>().WithMany().HasForeignKey(r => r.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.SegmentId, r.Version }).IsUnique();
    }
}

internal sealed class SegmentMembershipConfiguration : IEntityTypeConfiguration<SegmentMembership>
{
    public void Configure(EntityTypeBuilder<SegmentMembership> b)
    {
        b.HasOne<Segment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Cascade);
        // One open stay per contact and segment; the refresh diff relies on it.
        b.HasIndex(m => new { m.SegmentId, m.ContactId }).IsUnique().HasFilter("exited_at IS NULL");
        b.HasIndex(m => m.ContactId);
    }
}

/// <summary>
/// Indexes that segment queries need on tables other capabilities own (kept here, additively, so the
/// owners' files stay untouched): event counts per type and window read contact ids from the index alone.
/// </summary>
internal sealed class SegmentInteractionIndexes : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b) =>
        b.HasIndex(i => new { i.WorkspaceId, i.Type, i.OccurredAt, i.ContactId }).HasDatabaseName("ix_interactions_segment_events");
}
