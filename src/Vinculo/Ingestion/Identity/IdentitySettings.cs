using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.Ingestion.Identity;

/// <summary>A workspace's own identity settings: the survivorship policy its merges follow (else the configured default).</summary>
public sealed class IdentitySettings : WorkspaceEntity
{
    /// <summary>JSON <see cref="SurvivorshipPolicy"/>.</summary>
    public string Survivorship { get; set; } = "{}";
    public string? UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    internal SurvivorshipPolicy Policy()
    {
        var policy = JsonSerializer.Deserialize<SurvivorshipPolicy>(Survivorship, Json) ?? new SurvivorshipPolicy();
        policy.Fields = new Dictionary<string, SurvivorshipRule>(policy.Fields, StringComparer.OrdinalIgnoreCase);
        return policy;
    }

    /// <summary>The workspace's saved policy, or null when it has none (the caller falls back to the configured one).</summary>
    internal static async Task<SurvivorshipPolicy?> PolicyAsync(VinculoDbContext db, CancellationToken ct)
    {
        var row = await db.Set<IdentitySettings>().AsNoTracking().FirstOrDefaultAsync(ct);
        return row?.Policy();
    }
}

internal sealed class IdentitySettingsConfiguration : IEntityTypeConfiguration<IdentitySettings>
{
    public void Configure(EntityTypeBuilder<IdentitySettings> b)
    {
        b.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId);
        b.Property(s => s.Survivorship).IsJson();
        b.Property(s => s.UpdatedBy).HasMaxLength(200);
        b.HasIndex(s => s.WorkspaceId).IsUnique();
    }
}

/// <summary>Reads and saves a workspace's survivorship policy (Admins edit it in settings and the API).</summary>
public sealed class IdentitySettingsService(IDbContextFactory<VinculoDbContext> factory, IdentityOptions options, TimeProvider clock, Audit.AuditActor? auditActor = null)
{
    /// <summary>The contact fields a policy may name besides "custom.KEY": every value survivorship copies.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "givenNames", "paternalSurname", "maternalSurname", "birthDate", "gender", "locale", "timeZone", "externalId", "source", "customFields",
    ];

    public async Task<SurvivorshipPolicy> GetAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await IdentitySettings.PolicyAsync(db, ct) ?? options.Survivorship;
    }

    public async Task<SurvivorshipPolicy> SaveAsync(SurvivorshipPolicy policy, string? actor = null, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(policy.Default))
        {
            errors.Add(new FieldError("default", "is not a survivorship rule"));
        }

        foreach (var (field, rule) in policy.Fields)
        {
            if (!Fields.Contains(field, StringComparer.OrdinalIgnoreCase) && !(field.StartsWith("custom.", StringComparison.OrdinalIgnoreCase) && field.Length > 7))
            {
                errors.Add(new FieldError($"fields.{field}", "is not a contact field (or custom.KEY)"));
            }

            if (!Enum.IsDefined(rule))
            {
                errors.Add(new FieldError($"fields.{field}", "is not a survivorship rule"));
            }
        }

        var sources = policy.SourcePriority.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (sources.Any(s => s.Length > 100))
        {
            errors.Add(new FieldError("sourcePriority", "names a source longer than 100 characters"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var clean = new SurvivorshipPolicy
        {
            Default = policy.Default,
            Fields = new Dictionary<string, SurvivorshipRule>(policy.Fields, StringComparer.OrdinalIgnoreCase),
            SourcePriority = sources,
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Set<IdentitySettings>().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new IdentitySettings();
            db.Add(row);
        }

        row.Survivorship = JsonSerializer.Serialize(clean, IdentitySettings.Json);
        row.UpdatedBy = actor;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await Audit.AuditedSave.SaveChangesAuditedAsync(db, actor ?? auditActor?.Name ?? "system", row.UpdatedAt,
            [new Audit.AuditEvent(Audit.AuditActions.MergeRulesSaved, null, nameof(IdentitySettings), row.Id,
                new { @default = clean.Default.ToString(), fields = clean.Fields.ToDictionary(f => f.Key, f => f.Value.ToString()), sourcePriority = clean.SourcePriority })], ct);
        return clean;
    }
}
