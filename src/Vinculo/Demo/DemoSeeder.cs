using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Vinculo.Families;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Workspaces;

namespace Vinculo.Demo;

public sealed record DemoOptions
{
    public int People { get; init; } = 5000;
    public int Organizations { get; init; } = 200;
    /// <summary>The same seed and clock give the same workspace, ids included.</summary>
    public int Seed { get; init; } = 2026;
}

/// <summary>What a seeding run did: <see cref="Created"/> is false when the demo workspace already existed.</summary>
public sealed record DemoSummary(bool Created, Guid WorkspaceId, IReadOnlyList<(string Table, long Rows)> Counts, TimeSpan Elapsed);

/// <summary>
/// Seeds the "Demo" workspace (slug <c>demo</c>): a realistic Mexican customer base with families,
/// organizations, products, a year of orders and a year of timeline events, written in one bulk
/// transaction. Runs once: when the workspace exists it does nothing.
/// </summary>
public sealed class DemoSeeder(VinculoDatabase database, TimeProvider time)
{
    public const string Slug = "demo";

    public async Task<Guid?> FindAsync(CancellationToken ct = default)
    {
        await using var db = database.OpenAll();
        return await db.Set<Workspace>().Where(w => w.Slug == Slug).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<DemoSummary> SeedAsync(DemoOptions options, Action<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.People);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Organizations);
        var started = Stopwatch.GetTimestamp();
        if (await FindAsync(ct) is { } existing)
        {
            return new DemoSummary(false, existing, [], Stopwatch.GetElapsedTime(started));
        }

        progress?.Invoke($"Generating {options.People:N0} people and {options.Organizations:N0} organizations (seed {options.Seed}) ...");
        var now = time.GetUtcNow().UtcDateTime;
        var zone = FindZone("America/Mexico_City");
        var data = new DemoGenerator(options, now, AgePolicy.Today(time, zone)).Generate();

        var counts = new List<(string, long)>();
        await using (var db = database.Open(data.Workspace.Id))
        await using (var bulk = await BulkSession.BeginAsync(db, ct))
        {
            async Task Write<T>(string table, IReadOnlyCollection<T> rows) where T : class
            {
                var tableStarted = Stopwatch.GetTimestamp();
                counts.Add((table, await bulk.InsertAsync(rows, ct: ct)));
                progress?.Invoke($"  {table,-26} {rows.Count,10:N0} rows  {Stopwatch.GetElapsedTime(tableStarted).TotalSeconds,6:N1} s");
            }

            await Write("workspaces", [data.Workspace]);
            await Write("custom_field_definitions", data.FieldDefinitions);
            await Write("products", data.Products);
            await Write("organizations", data.Organizations);
            await Write("contacts", data.Contacts);
            await Write("contact_emails", data.Emails);
            await Write("contact_phones", data.Phones);
            await Write("postal_addresses", data.Addresses);
            await Write("contact_tags", data.Tags);
            await Write("guardian_links", data.GuardianLinks);
            await Write("organization_memberships", data.Memberships);
            await Write("orders", data.Orders);
            await Write("order_lines", data.OrderLines);
            await Write("interactions", data.Interactions);
            await Write("consent_records", data.Consents);
            await bulk.CommitAsync(ct);
        }

        return new DemoSummary(true, data.Workspace.Id, counts, Stopwatch.GetElapsedTime(started));
    }

    internal static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
