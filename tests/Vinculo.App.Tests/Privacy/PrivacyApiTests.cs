using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vinculo.App.Api;
using Vinculo.App.Hosting;
using Vinculo.App.Workers;
using Vinculo.Audit;
using Vinculo.Consent;
using Vinculo.Hygiene;
using Vinculo.Storage;
using Vinculo.Tests.Consent;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.App.Tests.Privacy;

/// <summary>
/// The consent, privacy and audit endpoints on a test server with the real services and database;
/// a header names the caller's role (the real API-key scheme is another capability's).
/// </summary>
public sealed class PrivacyApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Consent_and_privacy_endpoints_work_end_to_end_and_reads_are_audited(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var person = await h.AddContactAsync("=Ana", "Ruiz", new DateOnly(1990, 1, 1), "ana@example.com");
        await using var app = await StartAsync(h);
        using var admin = app.GetTestClient();
        admin.DefaultRequestHeaders.Add("X-Test-Role", "Admin");
        admin.DefaultRequestHeaders.Add("X-Test-Workspace", h.Db.Workspace.Id.ToString());
        using var agent = app.GetTestClient();
        agent.DefaultRequestHeaders.Add("X-Test-Role", "Agent");
        agent.DefaultRequestHeaders.Add("X-Test-Workspace", h.Db.Workspace.Id.ToString());

        var grant = await agent.PostAsJsonAsync($"/api/v1/contacts/{person.Id}/consents/grant",
            new { channel = "email", purpose = "marketing", source = "pos", noticeVersion = "v3", evidence = "ticket:9" });
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        var bad = await agent.PostAsJsonAsync($"/api/v1/contacts/{person.Id}/consents/grant", new { channel = "fax", purpose = "marketing", source = "pos" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var withdraw = await agent.PostAsJsonAsync($"/api/v1/contacts/{person.Id}/consents/withdraw", new { channel = "email", purpose = "marketing" });
        var state = await withdraw.Content.ReadFromJsonAsync<List<ConsentStateDto>>();
        Assert.Equal("withdrawn", Assert.Single(state!).Status);
        var history = await agent.GetFromJsonAsync<List<ConsentRecordDto>>($"/api/v1/contacts/{person.Id}/consents/history");
        Assert.Equal(2, history!.Count);
        Assert.Equal("test-agent", history[0].RecordedBy);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/contacts/{person.Id}/privacy/export")).StatusCode);
        var csv = await admin.GetStringAsync($"/api/v1/contacts/{person.Id}/privacy/export?format=csv");
        Assert.Contains("'=Ana", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/contacts/{Guid.NewGuid()}/privacy/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/contacts/{person.Id}/privacy/erase", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/contacts/{person.Id}/privacy/block", new { reason = "ARCO" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/contacts/{person.Id}/privacy/erase", null)).StatusCode);

        var verify = await admin.GetFromJsonAsync<AuditVerification>("/api/v1/audit/verify");
        Assert.True(verify!.Intact);
        await using (var db = h.Db.Open())
        {
            var reads = await db.Set<AuditEntry>().Where(a => a.Action == "consent.history_read").ToListAsync();
            Assert.Equal("test-agent", Assert.Single(reads).Actor);
            Assert.Equal(person.Id, reads[0].ContactId);
            Assert.True(await db.Set<AuditEntry>().AnyAsync(a => a.Action == "privacy.erased" && a.Actor == "test-admin"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_data_care_job_runs_age_out_and_hygiene_for_every_workspace(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider, PrivacyHost.MexicoNoon(2026, 3, 1));
        var mother = await h.AddContactAsync("Laura", "Pérez", new DateOnly(1985, 1, 1));
        var leapling = await h.AddContactAsync("Sofía", "Pérez", new DateOnly(2008, 2, 29));
        await h.LinkAsync(mother, leapling);
        var services = new ServiceCollection();
        services.AddSingleton(h.Db.Database);
        services.AddSingleton<TimeProvider>(h.Time);
        services.AddScoped<WorkspaceScope>();
        services.AddScoped<IDbContextFactory<VinculoDbContext>, ScopedDbContextFactory>();
        services.AddVinculoCore();
        await using var sp = services.BuildServiceProvider();
        var job = new DataCareJob(sp.GetRequiredService<IServiceScopeFactory>(), h.Db.Database, NullLogger<DataCareJob>.Instance);
        await job.Execute(null!, CancellationToken.None);

        await using var db = h.Db.Open();
        Assert.True(await db.Set<Interaction>().AnyAsync(i => i.Type == AgeOutService.EventType && i.ContactId == leapling.Id));
        Assert.True(await db.Set<Interaction>().AnyAsync(i => i.Type == HygieneService.CompletedEventType));
        Assert.Equal("system:data-care", (await db.Set<AuditEntry>().FirstAsync(a => a.Action == "contact.came_of_age")).Actor);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void The_schedule_is_registered_only_when_enabled(string enabled, bool expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hygiene:Schedule:Enabled"] = enabled,
            ["Hygiene:StaleAfterMonths"] = "6",
        }).Build();
        var services = new ServiceCollection();
        services.AddHygieneSchedule(config);
        Assert.Equal(expected, services.Any(d => d.ServiceType == typeof(IHostedService)));
        using var sp = services.BuildServiceProvider();
        Assert.Equal(6, sp.GetRequiredService<IOptions<HygieneOptions>>().Value.StaleAfterMonths);
    }

    private static async Task<WebApplication> StartAsync(PrivacyHost h)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(h.Db.Database);
        builder.Services.AddSingleton<TimeProvider>(h.Time);
        builder.Services.AddScoped<WorkspaceScope>();
        builder.Services.AddScoped<IDbContextFactory<VinculoDbContext>, ScopedDbContextFactory>();
        builder.Services.AddVinculoCore();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<TestProblemHandler>();
        builder.Services.AddAuthentication(TestAuth.Scheme).AddScheme<AuthenticationSchemeOptions, TestAuth>(TestAuth.Scheme, null);
        builder.Services.AddVinculoAuthorization();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseWorkspaceScope();
        app.UseAuthorization();
        var v1 = app.MapGroup("/api/v1");
        v1.MapConsent();
        v1.MapPrivacy();
        await app.StartAsync();
        return app;
    }

    /// <summary>Role and workspace from headers; the name is "test-&lt;role&gt;".</summary>
    private sealed class TestAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public new const string Scheme = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Test-Role", out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "test-" + role.ToString().ToLowerInvariant()),
                new Claim(VinculoClaims.Role, role.ToString()),
                new Claim(VinculoClaims.Workspace, Request.Headers["X-Test-Workspace"].ToString()),
            ], Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme)));
        }
    }

    /// <summary>The status codes the API's own handler gives (400/404/409), kept minimal here.</summary>
    private sealed class TestProblemHandler : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            context.Response.StatusCode = exception switch
            {
                Common.ValidationFailedException => 400,
                Common.NotFoundException => 404,
                Common.ConflictException => 409,
                _ => 500,
            };
            await context.Response.WriteAsJsonAsync(new { error = exception.Message }, ct);
            return true;
        }
    }
}
