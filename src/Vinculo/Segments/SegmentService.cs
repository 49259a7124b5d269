using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Segments.Compilation;
using Vinculo.Storage;

namespace Vinculo.Segments;

public sealed record SegmentInput(string Name, string? Description, SegmentDefinition Definition);

public sealed record SegmentView(Guid Id, string Name, string? Description, SegmentDefinition Definition, int Version,
    SegmentDependency DependsOn, bool IsDirty, DateTime? LastRefreshedAt, int MemberCount, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record SegmentRevisionView(int Version, SegmentDefinition Definition, DateTime CreatedAt);

public sealed record SegmentSampleMember(Guid ContactId, string DisplayName);

public sealed record SegmentPreview(long Count, IReadOnlyList<SegmentSampleMember> Sample);

public sealed record SegmentMemberView(Guid ContactId, string DisplayName, DateTime EnteredAt);

/// <summary>Segments of the current workspace: definitions with revisions, live preview, members.</summary>
public sealed class SegmentService(IDbContextFactory<VinculoDbContext> factory, TimeProvider time, AuditActor? actor = null)
{
    public const int MaxSample = 100;

    public async Task<SegmentView> CreateAsync(SegmentInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var name = CheckName(input.Name);
        var context = await SegmentContextLoader.LoadAsync(db, time, ct);
        var compiled = ValidateAndCompile(input.Definition, context, db.Provider, null);
        if (await db.Set<Segment>().AnyAsync(s => s.Name == name, ct))
        {
            throw new ConflictException($"A segment named '{name}' already exists.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var json = input.Definition.ToJson();
        var segment = new Segment
        {
            Name = name,
            Description = input.Description?.Trim(),
            Definition = json,
            DependsOn = compiled.DependsOn,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(segment);
        db.Add(new SegmentRevision { SegmentId = segment.Id, Version = 1, Definition = json, CreatedAt = now });
        await db.SaveChangesAuditedAsync(actor, time, Audit(AuditActions.SegmentCreated, segment), ct);
        return ToView(segment);
    }

    public async Task<SegmentView> UpdateAsync(Guid id, SegmentInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segment = await db.Set<Segment>().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Segment", id);
        var name = CheckName(input.Name);
        var context = await SegmentContextLoader.LoadAsync(db, time, ct);
        var compiled = ValidateAndCompile(input.Definition, context, db.Provider, id);
        if (name != segment.Name && await db.Set<Segment>().AnyAsync(s => s.Name == name && s.Id != id, ct))
        {
            throw new ConflictException($"A segment named '{name}' already exists.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var json = input.Definition.ToJson();
        segment.Name = name;
        segment.Description = input.Description?.Trim();
        if (json != segment.Definition)
        {
            segment.Version++;
            segment.Definition = json;
            segment.DependsOn = compiled.DependsOn;
            segment.IsDirty = true;
            db.Add(new SegmentRevision { SegmentId = id, Version = segment.Version, Definition = json, CreatedAt = now });
        }

        segment.UpdatedAt = now;
        await db.SaveChangesAuditedAsync(actor, time, Audit(AuditActions.SegmentUpdated, segment), ct);
        return ToView(segment);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segment = await db.Set<Segment>().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Segment", id);
        var context = await SegmentContextLoader.LoadAsync(db, time, ct);
        var users = context.OtherSegments.Where(o => o.Key != id && SegmentValidator.References(o.Value.Root).Contains(id)).Select(o => o.Key).ToList();
        if (users.Count > 0)
        {
            var names = await db.Set<Segment>().Where(s => users.Contains(s.Id)).Select(s => s.Name).ToListAsync(ct);
            throw new ConflictException($"Segment '{segment.Name}' is used by: {string.Join(", ", names)}.");
        }

        db.Remove(segment);
        await db.SaveChangesAuditedAsync(actor, time, Audit(AuditActions.SegmentDeleted, segment), ct);
    }

    private static AuditEvent Audit(string action, Segment s) => new(action, null, nameof(Segment), s.Id, new { name = s.Name, version = s.Version });

    public async Task<SegmentView> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Segment", id);
        return ToView(segment);
    }

    public async Task<IReadOnlyList<SegmentView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segments = await db.Set<Segment>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return [.. segments.Select(ToView)];
    }

    public async Task<IReadOnlyList<SegmentRevisionView>> RevisionsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var revisions = await db.Set<SegmentRevision>().AsNoTracking().Where(r => r.SegmentId == id).OrderBy(r => r.Version).ToListAsync(ct);
        if (revisions.Count == 0)
        {
            throw new NotFoundException("Segment", id);
        }

        return [.. revisions.Select(r => new SegmentRevisionView(r.Version, SegmentDefinition.Parse(r.Definition), r.CreatedAt))];
    }

    /// <summary>The exact count of contacts matching a (possibly unsaved) definition, and a sample of them, straight from the data.</summary>
    public async Task<SegmentPreview> PreviewAsync(SegmentDefinition definition, int sampleSize = 20, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var context = await SegmentContextLoader.LoadAsync(db, time, ct);
        var compiled = ValidateAndCompile(definition, context, db.Provider, null);
        var count = await SqlRunner.ScalarLongAsync(db, compiled.Count, compiled.Parameters, ct);
        var parameters = compiled.Parameters.Append(new("@sample", Math.Clamp(sampleSize, 0, MaxSample))).ToList();
        var sample = await SqlRunner.ReadAsync(db,
            $"SELECT c.id, c.display_name FROM contacts c WHERE {compiled.Where} ORDER BY c.display_name, c.id LIMIT @sample",
            parameters, r => new SegmentSampleMember(SqlRunner.ReadGuid(r, 0), r.GetString(1)), ct);
        return new SegmentPreview(count, sample);
    }

    public async Task<SegmentPreview> PreviewAsync(Guid id, int sampleSize = 20, CancellationToken ct = default)
    {
        var segment = await GetAsync(id, ct);
        return await PreviewAsync(segment.Definition, sampleSize, ct);
    }

    /// <summary>The compiled SQL, for the builder's "show query" and for benchmarks.</summary>
    public async Task<CompiledSegment> CompileAsync(SegmentDefinition definition, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var context = await SegmentContextLoader.LoadAsync(db, time, ct);
        return ValidateAndCompile(definition, context, db.Provider, null);
    }

    /// <summary>Current (materialized) members, newest entries first.</summary>
    public async Task<PagedResult<SegmentMemberView>> MembersAsync(Guid id, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Set<Segment>().AnyAsync(s => s.Id == id, ct))
        {
            throw new NotFoundException("Segment", id);
        }

        var query = from m in db.Set<SegmentMembership>().AsNoTracking()
                    join c in db.Set<Contact>().AsNoTracking() on m.ContactId equals c.Id
                    where m.SegmentId == id && m.ExitedAt == null
                    select new { m.ContactId, c.DisplayName, m.EnteredAt };
        var total = await query.LongCountAsync(ct);
        var items = await query.OrderByDescending(m => m.EnteredAt).ThenBy(m => m.ContactId)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<SegmentMemberView>([.. items.Select(i => new SegmentMemberView(i.ContactId, i.DisplayName, i.EnteredAt))], p, size, total);
    }

    internal static CompiledSegment ValidateAndCompile(SegmentDefinition definition, SegmentCompileContext context, StorageProvider provider, Guid? selfId)
    {
        SegmentValidator.Validate(definition, context.CustomFields, context.OtherSegments, selfId);
        return SegmentCompiler.Compile(definition, context, SqlDialect.For(provider));
    }

    private static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 200)
        {
            throw new ValidationFailedException("name", "is required, at most 200 characters");
        }

        return trimmed;
    }

    internal static SegmentView ToView(Segment s) => new(s.Id, s.Name, s.Description, SegmentDefinition.Parse(s.Definition), s.Version,
        s.DependsOn, s.IsDirty, s.LastRefreshedAt, s.MemberCount, s.CreatedAt, s.UpdatedAt);
}
