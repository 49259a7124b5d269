using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vinculo.App.Hosting;
using Vinculo.Ingestion.Jobs;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Ingestion;

/// <summary>The import API end to end on SQLite: upload, preview, start, the worker runs it, progress, rejects.</summary>
public sealed class ImportApiTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vinculo-import-api", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = null!;
    private Guid _workspaceId;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("VINCULO_DB", $"Data Source={Path.Combine(_folder, "vinculo.db")}");
            b.UseSetting("Vinculo:ImportsPath", Path.Combine(_folder, "imports"));
            b.ConfigureTestServices(s => s.AddAuthentication(HeaderAuth.SchemeName).AddScheme<AuthenticationSchemeOptions, HeaderAuth>(HeaderAuth.SchemeName, null));
        });
        var database = _factory.Services.GetRequiredService<VinculoDatabase>();
        await database.MigrateAsync();
        var workspace = new Workspace { Name = "Tienda", Slug = "tienda", CreatedAt = DateTime.UtcNow };
        await using var db = database.OpenAll();
        db.Add(workspace);
        await db.SaveChangesAsync();
        _workspaceId = workspace.Id;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private HttpClient Client(WorkspaceRole role)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Workspace", _workspaceId.ToString());
        client.DefaultRequestHeaders.Add("X-Test-Role", role.ToString());
        return client;
    }

    [Fact]
    public async Task A_file_goes_from_upload_to_report_and_rejects_through_the_worker()
    {
        var csv = "Nombre;Apellido paterno;Correo;Celular;Color favorito\nAna;pérez;ANA@ejemplo.mx;55 1234 5678;rojo\nLuis;Gómez;luis@;;azul\n";
        var viewer = Client(WorkspaceRole.Viewer);
        using (var refused = await viewer.PostAsync("/api/v1/imports?fileName=c.csv", new StringContent(csv)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var client = Client(WorkspaceRole.Marketer);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "contactos.csv");
        using var uploaded = await client.PostAsync("/api/v1/imports", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var upload = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = upload.GetProperty("jobId").GetGuid();
        Assert.Contains("Color favorito", upload.GetProperty("unmappedHeaders").EnumerateArray().Select(h => h.GetString()));

        using var previewed = await client.PostAsJsonAsync($"/api/v1/imports/{jobId}/preview", new { rows = 5 });
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = await previewed.Content.ReadFromJsonAsync<JsonElement>();
        var firstRow = preview.GetProperty("rows")[0].GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal("+525512345678", firstRow.Single(c => c.GetProperty("header").GetString() == "Celular").GetProperty("value").GetString());
        Assert.True(preview.GetProperty("rows")[1].GetProperty("rejected").GetBoolean());

        using var started = await client.PostAsJsonAsync($"/api/v1/imports/{jobId}/start", new { });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        JsonElement status = default;
        for (var i = 0; i < 600; i++)
        {
            status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{jobId}");
            var state = (ImportJobStatus)status.GetProperty("status").GetInt32();
            if (state is ImportJobStatus.Succeeded or ImportJobStatus.Failed)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal((int)ImportJobStatus.Succeeded, status.GetProperty("status").GetInt32());
        Assert.Equal(1, status.GetProperty("created").GetInt64());
        Assert.Equal(1, status.GetProperty("rejected").GetInt64());
        Assert.Equal(1.0, status.GetProperty("progress").GetDouble());

        var rejects = await client.GetStringAsync($"/api/v1/imports/{jobId}/rejects");
        Assert.StartsWith("row,field,value,severity,reason", rejects.TrimStart('\uFEFF'));
        Assert.Contains("3,email,luis@,error,", rejects);

        using var saved = await client.PutAsJsonAsync("/api/v1/import-mappings/Tienda%20CSV", preview.GetProperty("mapping"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/import-mappings");
        Assert.Equal("Tienda CSV", list[0].GetProperty("name").GetString());
    }

    /// <summary>Signs the request in for the workspace and role named in its headers (the real schemes live elsewhere).</summary>
    private sealed class HeaderAuth(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestHeaders";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Test-Workspace", out var workspace))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity(
                [new Claim(VinculoClaims.Workspace, workspace.ToString()), new Claim(VinculoClaims.Role, Request.Headers["X-Test-Role"].ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
