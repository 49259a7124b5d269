using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Common;
using Vinculo.Storage;

namespace Vinculo.Workspaces;

/// <summary>An API key as shown in lists: never the secret.</summary>
public sealed record ApiKeyInfo(Guid Id, string Name, string Prefix, WorkspaceRole Role, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public static ApiKeyInfo From(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Role, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}

/// <summary>A freshly created key: the secret is returned this once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);

/// <summary>Who a verified key acts as.</summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid WorkspaceId, string Name, WorkspaceRole Role);

public sealed class ApiKeyService(VinculoDatabase database, IDbContextFactory<VinculoDbContext> contexts, TimeProvider time, AuditActor? actor = null)
{
    /// <summary>Last-used is written at most this often per key, so busy clients do not write on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates a key in the current workspace.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, WorkspaceRole role = WorkspaceRole.Admin, CancellationToken ct = default)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 200)
        {
            throw new ValidationFailedException("name", "is required and at most 200 characters");
        }

        if (!Enum.IsDefined(role))
        {
            throw new ValidationFailedException("role", $"'{role}' is not a workspace role");
        }

        var secret = ApiKeyHashing.NewKey();
        var key = new ApiKey
        {
            Name = trimmed,
            Prefix = ApiKeyHashing.PrefixOf(secret),
            KeyHash = ApiKeyHashing.Hash(secret),
            Role = role,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Add(key);
        // The name and prefix identify the key; the secret and its hash never reach the audit log.
        await db.SaveChangesAuditedAsync(actor, time, new AuditEvent(AuditActions.ApiKeyCreated, null, nameof(ApiKey), key.Id, new { name = key.Name, prefix = key.Prefix, role = key.Role.ToString() }), ct);
        return new CreatedApiKey(ApiKeyInfo.From(key), secret);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var keys = await db.Set<ApiKey>().AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return [.. keys.Select(ApiKeyInfo.From)];
    }

    public async Task RevokeAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException("API key", id);
        if (key.RevokedAt is not null)
        {
            return;
        }

        key.RevokedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAuditedAsync(actor, time, new AuditEvent(AuditActions.ApiKeyRevoked, null, nameof(ApiKey), key.Id, new { name = key.Name, prefix = key.Prefix }), ct);
    }

    /// <summary>
    /// The identity of a presented key, or null when it is unknown or revoked. Looks across all
    /// workspaces: the key is what says which workspace the caller acts for.
    /// </summary>
    public async Task<ApiKeyIdentity?> VerifyAsync(string? presented, CancellationToken ct = default)
    {
        if (!ApiKeyHashing.LooksLikeKey(presented))
        {
            return null;
        }

        var hash = ApiKeyHashing.Hash(presented!);
        await using var db = database.OpenAll();
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.KeyHash == hash, ct);
        if (key is null || key.RevokedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt.Value >= LastUsedResolution)
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return new ApiKeyIdentity(key.Id, key.WorkspaceId, key.Name, key.Role);
    }
}
