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
using Vinculo.App.Tests.Infrastructure;
using Vinculo.Ingestion.Jobs;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Ingestion;

/// <summary>The import API end to end on SQLite: upload, preview, start, the worker runs it, progress, rejects.</summary>
public sealed class ImportApiTests : IAsyncLifetime
{
    private VinculoAppFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await VinculoAppFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpClient> Client(WorkspaceRole role) => _factory.CreateApiClient(await _factory.CreateKeyAsync(role));

    [Fact]
    public async Task A_file_goes_from_upload_to_report_and_rejects_through_the_worker()
    {
        var csv = "Nombre;Apellido paterno;Correo;Celular;Color favorito\nAna;pérez;ANA@ejemplo.mx;55 1234 5678;rojo\nLuis;Gómez;luis@;;azul\n";
        var viewer = await Client(WorkspaceRole.Viewer);
        using (var refused = await viewer.PostAsync("/api/v1/imports?fileName=c.csv", new StringContent(csv)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var client = await Client(WorkspaceRole.Marketer);
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
            var state = Enum.Parse<ImportJobStatus>(status.GetProperty("status").GetString()!);
            if (state is ImportJobStatus.Succeeded or ImportJobStatus.Failed)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(nameof(ImportJobStatus.Succeeded), status.GetProperty("status").GetString());
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
}
