using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Workspaces;

namespace Vinculo.Tests.Workspaces;

/// <summary>Instants are shown in the workspace's zone: what the UI's DateText formats with.</summary>
public sealed class WorkspaceTimeZoneTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Converts_utc_to_the_workspace_zone_and_falls_back_to_utc(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var zone = core.Get<WorkspaceTimeZone>();

        // The test workspace is Mexican (America/Mexico_City, UTC-6 all year since 2022).
        Assert.Equal(new DateTime(2026, 11, 29, 21, 30, 0), zone.ToLocal(new DateTime(2026, 11, 30, 3, 30, 0, DateTimeKind.Utc)));
        // SQLite reads DateTimes back without a kind: they are UTC all the same.
        Assert.Equal(new DateTime(2026, 6, 1, 6, 0, 0), zone.ToLocal(new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Unspecified)));

        Assert.Equal(TimeZoneInfo.Utc, WorkspaceTimeZone.Find("Nowhere/Atlantis"));
        Assert.Equal(TimeZoneInfo.Utc, WorkspaceTimeZone.Find(null));
        Assert.Equal(new DateTime(2026, 11, 30, 0, 0, 0), TimeZoneInfo.ConvertTimeFromUtc(new DateTime(2026, 11, 30, 3, 0, 0, DateTimeKind.Utc), WorkspaceTimeZone.Find("America/Sao_Paulo")));
    }
}
