using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Identity;

public sealed record CandidateContact(Guid Id, string DisplayName, ContactStatus Status);

public sealed record CandidateView(
    Guid Id,
    CandidateContact ContactA,
    CandidateContact ContactB,
    double Score,
    double Probability,
    string? ExactKey,
    JsonElement Evidence,
    CandidateStatus Status,
    Guid? MergeId,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>Reads duplicate candidates and merges for review screens and the API.</summary>
public sealed class DuplicateCandidateQueries(IDbContextFactory<VinculoDbContext> factory)
{
    public async Task<PagedResult<CandidateView>> ListAsync(CandidateStatus? status, double? minProbability, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        await using var db = factory.CreateDbContext();
        var query = db.Set<DuplicateCandidate>().AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        if (minProbability is { } min)
        {
            query = query.Where(c => c.Probability >= min);
        }

        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Probability).ThenByDescending(c => c.Score).ThenBy(c => c.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = rows.SelectMany(r => new[] { r.ContactAId, r.ContactBId }).Distinct().ToList();
        var contacts = await db.Set<Contact>().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new CandidateContact(c.Id, c.DisplayName, c.Status)).ToDictionaryAsync(c => c.Id, ct);
        CandidateContact Of(Guid id) => contacts.GetValueOrDefault(id) ?? new CandidateContact(id, "", ContactStatus.Erased);
        return new PagedResult<CandidateView>([.. rows.Select(r => View(r, Of(r.ContactAId), Of(r.ContactBId)))], p, size, total);
    }

    public async Task<CandidateView> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var row = await db.Set<DuplicateCandidate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new NotFoundException("Duplicate candidate", id);
        var contacts = await db.Set<Contact>().AsNoTracking().Where(c => c.Id == row.ContactAId || c.Id == row.ContactBId)
            .Select(c => new CandidateContact(c.Id, c.DisplayName, c.Status)).ToDictionaryAsync(c => c.Id, ct);
        return View(row, contacts.GetValueOrDefault(row.ContactAId) ?? new(row.ContactAId, "", ContactStatus.Erased), contacts.GetValueOrDefault(row.ContactBId) ?? new(row.ContactBId, "", ContactStatus.Erased));
    }

    public async Task<ContactMerge> GetMergeAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<ContactMerge>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Merge", id);
    }

    private static CandidateView View(DuplicateCandidate c, CandidateContact a, CandidateContact b) =>
        new(c.Id, a, b, c.Score, c.Probability, c.ExactKey, JsonDocument.Parse(c.Evidence).RootElement.Clone(), c.Status, c.MergeId, c.CreatedAt, c.UpdatedAt);
}
