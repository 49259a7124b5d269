using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.Analytics;
using Vinculo.App.Tests.Infrastructure;
using Vinculo.App.Users;
using Vinculo.Audit;
using Vinculo.Contacts;
using Vinculo.Ingestion.Identity;
using Vinculo.Ingestion.Normalization;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Users;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Audit;

/// <summary>
/// Administrative actions (users, passwords, API keys, settings) each write exactly one audit entry
/// in the workspace, naming the acting person, and never a secret.
/// </summary>
public sealed class AdminAuditTests
{
    private const string Admin = "admin@marca.mx";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_admin_action_writes_one_entry_with_its_actor_and_no_secret(StorageProvider provider)
    {
        await using var app = await VinculoAppFactory.CreateAsync(provider);
        var adminLogin = await UserAdmin.EnsureAdminAsync(app.Services, app.Workspace.Id, Admin);
        var adminId = await UserIdAsync(app, Admin);
        var secrets = new List<string> { adminLogin.Password, app.AdminKey };
        var start = await HeadAsync(app);

        // Users page.
        var (added, addedEntry) = await OneEntryAsync(app, s => s.GetRequiredService<WorkspaceUsers>().AddAsync("nueva@marca.mx", WorkspaceRole.Marketer));
        secrets.Add(added.Password!);
        Assert.Equal(AuditActions.UserAdded, addedEntry.Action);
        Assert.Contains("nueva@marca.mx", addedEntry.Details, StringComparison.Ordinal);
        Assert.Contains("Marketer", addedEntry.Details, StringComparison.Ordinal);

        var (_, roleEntry) = await OneEntryAsync(app, async s => { await s.GetRequiredService<WorkspaceUsers>().ChangeRoleAsync(added.UserId, WorkspaceRole.Analyst); return 0; });
        Assert.Equal(AuditActions.UserRoleChanged, roleEntry.Action);
        Assert.Contains("\"from\":\"Marketer\",\"to\":\"Analyst\"", roleEntry.Details, StringComparison.Ordinal);

        var (_, unlockEntry) = await OneEntryAsync(app, async s => { await s.GetRequiredService<WorkspaceUsers>().UnlockAsync(added.UserId); return 0; });
        Assert.Equal(AuditActions.UserUnlocked, unlockEntry.Action);

        var (reset, resetEntry) = await OneEntryAsync(app, s => s.GetRequiredService<WorkspaceUsers>().ResetPasswordAsync(added.UserId, adminId));
        secrets.Add(reset.Password);
        Assert.Equal(AuditActions.UserPasswordReset, resetEntry.Action);
        Assert.Equal("User", resetEntry.EntityType);
        Assert.Equal(Guid.Parse(added.UserId), resetEntry.EntityId);

        // The person's own change: the actor is the person, whatever the scope's actor says.
        const string chosen = "una contraseña nueva y larga";
        secrets.Add(chosen);
        var (_, ownEntry) = await OneEntryAsync(app, async s =>
        {
            var users = s.GetRequiredService<UserManager<VinculoUser>>();
            var user = await users.FindByIdAsync(added.UserId) ?? throw new InvalidOperationException("no user");
            var principal = await s.GetRequiredService<SignInManager<VinculoUser>>().CreateUserPrincipalAsync(user);
            return await s.GetRequiredService<AccountPasswords>().ChangeAsync(principal, reset.Password, chosen, chosen) ?? throw new InvalidOperationException("locked");
        });
        Assert.Equal(AuditActions.UserPasswordChanged, ownEntry.Action);
        Assert.Equal("nueva@marca.mx", ownEntry.Actor);

        var (_, removeEntry) = await OneEntryAsync(app, async s => { await s.GetRequiredService<WorkspaceUsers>().RemoveAsync(added.UserId); return 0; });
        Assert.Equal(AuditActions.UserRemoved, removeEntry.Action);
        Assert.Contains("Analyst", removeEntry.Details, StringComparison.Ordinal);

        // API keys: the name and prefix, never the secret.
        var (created, keyEntry) = await OneEntryAsync(app, s => s.GetRequiredService<ApiKeyService>().CreateAsync("Tienda en línea", WorkspaceRole.Marketer));
        secrets.Add(created.Secret);
        Assert.Equal(AuditActions.ApiKeyCreated, keyEntry.Action);
        Assert.Contains(created.Key.Prefix, keyEntry.Details, StringComparison.Ordinal);
        Assert.Equal("Tienda en línea", Detail(keyEntry, "name"));
        Assert.Equal(created.Key.Id, keyEntry.EntityId);
        var (_, revokeEntry) = await OneEntryAsync(app, async s => { await s.GetRequiredService<ApiKeyService>().RevokeAsync(created.Key.Id); return 0; });
        Assert.Equal(AuditActions.ApiKeyRevoked, revokeEntry.Action);
        await NoEntryAsync(app, async s => await s.GetRequiredService<ApiKeyService>().RevokeAsync(created.Key.Id));

        // Settings.
        var (field, fieldEntry) = await OneEntryAsync(app, s => s.GetRequiredService<CustomFieldService>().CreateAsync(new CustomFieldInput("talla", "Talla", CustomFieldType.Text)));
        Assert.Equal(AuditActions.CustomFieldCreated, fieldEntry.Action);
        Assert.Equal(AuditActions.CustomFieldUpdated, (await OneEntryAsync(app, s => s.GetRequiredService<CustomFieldService>().UpdateAsync(field.Id, new CustomFieldInput("talla", "Talla de ropa", CustomFieldType.Text)))).Entry.Action);
        Assert.Equal(AuditActions.CustomFieldDeleted, (await OneEntryAsync(app, async s => { await s.GetRequiredService<CustomFieldService>().DeleteAsync(field.Id); return 0; })).Entry.Action);

        var rule = new NormalizationRule { Field = "city", Kind = RuleKind.Upper };
        var (_, rulesEntry) = await OneEntryAsync(app, async s => { await s.GetRequiredService<NormalizationRules>().SaveFieldAsync("city", [rule]); return 0; });
        Assert.Equal(AuditActions.NormalizationRulesSaved, rulesEntry.Action);
        Assert.Contains("city", rulesEntry.Details, StringComparison.Ordinal);

        var (_, mergeEntry) = await OneEntryAsync(app, s => s.GetRequiredService<IdentitySettingsService>().SaveAsync(new SurvivorshipPolicy { SourcePriority = ["pos"] }));
        Assert.Equal(AuditActions.MergeRulesSaved, mergeEntry.Action);

        var (_, rfmEntry) = await OneEntryAsync(app, s => s.GetRequiredService<RfmService>().SaveThresholdsAsync(new RfmThresholds { AtRiskAfterDays = 60, LostAfterDays = 200, LoyalMinOrders = 4 }));
        Assert.Equal(AuditActions.RfmThresholdsSaved, rfmEntry.Action);
        Assert.Contains("\"AtRiskAfterDays\":60", rfmEntry.Details, StringComparison.Ordinal);

        var definition = new SegmentDefinition { Root = new TagCondition(["vip"]) };
        var (segment, segmentEntry) = await OneEntryAsync(app, s => s.GetRequiredService<SegmentService>().CreateAsync(new SegmentInput("VIP", null, definition)));
        Assert.Equal(AuditActions.SegmentCreated, segmentEntry.Action);
        Assert.Equal(segment.Id, segmentEntry.EntityId);
        Assert.Equal(AuditActions.SegmentUpdated, (await OneEntryAsync(app, s => s.GetRequiredService<SegmentService>().UpdateAsync(segment.Id, new SegmentInput("VIP oro", null, definition)))).Entry.Action);
        Assert.Equal(AuditActions.SegmentDeleted, (await OneEntryAsync(app, async s => { await s.GetRequiredService<SegmentService>().DeleteAsync(segment.Id); return 0; })).Entry.Action);

        await using var db = app.Database.Open();
        var entries = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence > start).ToListAsync();
        Assert.Equal(17, entries.Count);
        Assert.All(entries.Where(e => e.Action != AuditActions.UserPasswordChanged), e => Assert.Equal(Admin, e.Actor));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(entries, e => $"{e.Actor}|{e.Action}|{e.EntityType}|{e.Details}".Contains(secret, StringComparison.Ordinal));
        }

        // Every group of the page finds its own.
        Assert.All(entries, e => Assert.NotNull(AuditActions.GroupOf(e.Action)));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = app.Workspace.Id;
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync()).Intact);
        var search = scope.ServiceProvider.GetRequiredService<AuditSearch>();
        Assert.Equal(6, (await search.SearchAsync(new AuditQuery(Group: AuditActionGroup.Users), 1, 50)).Total);
        // The factory's set-up key counts too.
        Assert.Equal(3, (await search.SearchAsync(new AuditQuery(Group: AuditActionGroup.ApiKeys), 1, 50)).Total);
        Assert.Equal(9, (await search.SearchAsync(new AuditQuery(Group: AuditActionGroup.Settings), 1, 50)).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_password_is_recorded_in_every_workspace_of_the_login(StorageProvider provider)
    {
        await using var app = await VinculoAppFactory.CreateAsync(provider);
        var other = await CreateWorkspaceAsync(app, "otra-marca");
        await UserAdmin.EnsureUserAsync(app.Services, app.Workspace.Id, "ana@marca.mx", "la contraseña de ana", WorkspaceRole.Viewer);
        await UserAdmin.EnsureUserAsync(app.Services, other.Id, "ana@marca.mx", "la contraseña de ana", WorkspaceRole.Marketer);

        await app.InWorkspaceAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<VinculoUser>>();
            var user = await users.FindByEmailAsync("ana@marca.mx") ?? throw new InvalidOperationException("no user");
            var principal = await s.GetRequiredService<SignInManager<VinculoUser>>().CreateUserPrincipalAsync(user);
            return await s.GetRequiredService<AccountPasswords>().ChangeAsync(principal, "la contraseña de ana", "otra contraseña de ana", "otra contraseña de ana");
        });

        await using var db = app.Database.Database.OpenAll();
        var entries = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == AuditActions.UserPasswordChanged).ToListAsync();
        Assert.Equal(new[] { app.Workspace.Id, other.Id }.Order(), entries.Select(e => e.WorkspaceId).Order());
        Assert.All(entries, e => Assert.Equal("ana@marca.mx", e.Actor));
        Assert.All(entries, e => Assert.Equal(["email", "userId", "wasOneTime"], System.Text.Json.JsonDocument.Parse(e.Details!).RootElement.EnumerateObject().Select(p => p.Name).Order()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_keys_made_and_revoked_through_the_api_name_the_calling_key(StorageProvider provider)
    {
        await using var app = await VinculoAppFactory.CreateAsync(provider);
        using var client = app.CreateApiClient();
        var response = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Integración POS", role = "Agent" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = body.GetProperty("key").GetProperty("id").GetGuid();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode);

        await using var db = app.Database.Open();
        var entries = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action.StartsWith("api_key.")).OrderBy(e => e.Sequence).ToListAsync();
        // The factory's own key was made by set-up code, not by a person: "system".
        Assert.Equal(["system", "tests admin", "tests admin"], entries.Select(e => e.Actor));
        Assert.Equal([AuditActions.ApiKeyCreated, AuditActions.ApiKeyCreated, AuditActions.ApiKeyRevoked], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.DoesNotContain(secret, e.Details ?? "", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(app.AdminKey, e.Details ?? "", StringComparison.Ordinal));
    }

    /// <summary>Runs <paramref name="act"/> as <see cref="Admin"/> and returns the one audit entry it wrote (fails on none or several).</summary>
    private static async Task<(T Result, AuditEntry Entry)> OneEntryAsync<T>(VinculoAppFactory app, Func<IServiceProvider, Task<T>> act)
    {
        var before = await HeadAsync(app);
        var result = await app.InWorkspaceAsync(s =>
        {
            s.GetRequiredService<AuditActor>().Name = Admin;
            return act(s);
        });
        await using var db = app.Database.Open();
        var written = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence > before).ToListAsync();
        return (result, Assert.Single(written));
    }

    private static async Task NoEntryAsync(VinculoAppFactory app, Func<IServiceProvider, Task> act)
    {
        var before = await HeadAsync(app);
        await app.InWorkspaceAsync(async s =>
        {
            s.GetRequiredService<AuditActor>().Name = Admin;
            await act(s);
            return 0;
        });
        Assert.Equal(before, await HeadAsync(app));
    }

    private static string? Detail(AuditEntry entry, string name) =>
        System.Text.Json.JsonDocument.Parse(entry.Details!).RootElement.GetProperty(name).GetString();

    private static async Task<long> HeadAsync(VinculoAppFactory app)
    {
        await using var db = app.Database.Open();
        return await db.Set<AuditEntry>().Select(e => (long?)e.Sequence).MaxAsync() ?? 0;
    }

    private static async Task<string> UserIdAsync(VinculoAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<VinculoUser>>().FindByEmailAsync(email))!.Id;
    }

    private static async Task<Workspace> CreateWorkspaceAsync(VinculoAppFactory app, string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkspaceService>().CreateAsync(new WorkspaceInput("Otra marca", slug));
    }
}
