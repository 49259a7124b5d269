using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Workspaces;

namespace Vinculo.Tests.Workspaces;

public sealed class ApiKeyServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_key_is_shown_once_stored_as_a_hash_verified_and_revoked(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var keys = core.Get<ApiKeyService>();

        var created = await keys.CreateAsync("POS tienda centro", WorkspaceRole.Agent);
        Assert.StartsWith("vk_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(46, created.Secret.Length);
        Assert.Equal(created.Secret[..10], created.Key.Prefix);
        await using (var db = core.Open())
        {
            var stored = await db.Set<ApiKey>().SingleAsync();
            Assert.Equal(ApiKeyHashing.Hash(created.Secret), stored.KeyHash);
            Assert.Equal(64, stored.KeyHash.Length);
            Assert.DoesNotContain(created.Secret, stored.KeyHash, StringComparison.Ordinal);
        }

        var identity = await keys.VerifyAsync(created.Secret);
        Assert.NotNull(identity);
        Assert.Equal(core.Database.Workspace.Id, identity.WorkspaceId);
        Assert.Equal(WorkspaceRole.Agent, identity.Role);
        Assert.Equal(CoreServices.DefaultNow.UtcDateTime, (await keys.ListAsync()).Single().LastUsedAt);
        Assert.Null(await keys.VerifyAsync(created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await keys.VerifyAsync("Bearer nonsense"));

        await keys.RevokeAsync(created.Key.Id);
        Assert.Null(await keys.VerifyAsync(created.Secret));
        await Assert.ThrowsAsync<NotFoundException>(() => keys.RevokeAsync(Guid.NewGuid()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Workspaces_have_unique_slugs_and_members_with_roles(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var workspaces = core.Get<WorkspaceService>();
        var created = await workspaces.CreateAsync(new WorkspaceInput("Marca Dos", "marca-dos-" + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal("MX", created.CountryCode);
        await Assert.ThrowsAsync<ConflictException>(() => workspaces.CreateAsync(new WorkspaceInput("Otra", created.Slug)));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => workspaces.CreateAsync(new WorkspaceInput("", "No Slug!", "Mexico", 3, TimeZone: "Mars/Base")));
        Assert.Equal(["ageOfMajority", "countryCode", "name", "slug", "timeZone"], bad.Errors.Select(e => e.Field).Order());

        await workspaces.SetMemberRoleAsync(created.Id, "user-1", WorkspaceRole.Marketer);
        await workspaces.SetMemberRoleAsync(core.Database.Workspace.Id, "user-1", WorkspaceRole.Viewer);
        await workspaces.SetMemberRoleAsync(created.Id, "user-1", WorkspaceRole.Admin);
        var mine = await workspaces.ListForUserAsync("user-1");
        Assert.Equal(2, mine.Count);
        Assert.Equal(WorkspaceRole.Admin, mine.Single(m => m.Workspace.Id == created.Id).Role);
        Assert.Equal(core.Database.Workspace.Id, (await workspaces.GetCurrentAsync()).Id);
        Assert.Equal(created.Id, (await workspaces.FindBySlugAsync(created.Slug))!.Id);
    }
}
