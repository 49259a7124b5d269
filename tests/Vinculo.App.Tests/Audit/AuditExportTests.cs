using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.App.Tests.Account;
using Vinculo.App.Tests.Browser;
using Vinculo.App.Users;
using Vinculo.Audit;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Audit;

/// <summary>The audit page's CSV download over HTTP with the sign-in cookie: Admins only, filtered, safe in a spreadsheet.</summary>
public sealed class AuditExportTests : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_export_has_the_filtered_entries_as_text_and_only_for_admins()
    {
        var contact = Guid.NewGuid();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = _app.Workspace.Id;
            var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
            var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
            actor.Name = "=HYPERLINK(\"http://malo\")";
            await log.RecordAsync("contact.read", contact, "Contact", contact);
            actor.Name = "admin@vinculo.test";
            await log.RecordAsync(AuditActions.SegmentCreated, null, "Segment", Guid.NewGuid(), new { name = "+Clientes, \"oro\"" });
        }

        using var admin = SignInClient.Create(_app);
        await SignInClient.PostLoginAsync(admin, RunningApp.AdminEmail, RunningApp.AdminPassword);
        var all = await admin.GetAsync("/settings/audit/export");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType?.MediaType);
        var csv = await all.Content.ReadAsStringAsync();
        var lines = csv.TrimEnd().Split("\r\n");
        Assert.StartsWith("fecha_local,fecha_utc,quien,accion,descripcion", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        // Newest first; formulas from actors and details arrive as text.
        Assert.Contains("segment.created,Creó un segmento", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"name: +Clientes, \"\"oro\"\"\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://malo\"\")\",contact.read,Leyó el contacto", lines[2], StringComparison.Ordinal);

        var filtered = await admin.GetStringAsync($"/settings/audit/export?action=group%3ASettings");
        Assert.Equal(2, filtered.TrimEnd().Split("\r\n").Length);
        var byContact = await admin.GetStringAsync($"/settings/audit/export?contact={contact}");
        Assert.Contains(contact.ToString(), byContact, StringComparison.Ordinal);
        Assert.DoesNotContain("segment.created", byContact, StringComparison.Ordinal);

        await UserAdmin.EnsureUserAsync(_app.Services, _app.Workspace.Id, "agente@vinculo.test", "la contraseña del agente", WorkspaceRole.Agent);
        using var agent = SignInClient.Create(_app);
        await SignInClient.PostLoginAsync(agent, "agente@vinculo.test", "la contraseña del agente");
        var refused = await agent.GetAsync("/settings/audit/export");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location?.PathAndQuery ?? "", StringComparison.Ordinal);
    }
}
