using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vinculo.App.Tests.Infrastructure;
using Vinculo.Contacts;
using Vinculo.Ingestion.Identity;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Tests.Identity;

/// <summary>Detection through the API: 202 and a status URL, the host's worker runs the job and merges.</summary>
public sealed class DetectionJobApiTests
{
    [Theory]
    [MemberData(nameof(Vinculo.Tests.Infrastructure.TestDatabase.Providers), MemberType = typeof(Vinculo.Tests.Infrastructure.TestDatabase))]
    public async Task Detect_returns_202_and_the_worker_runs_the_job_to_completion(StorageProvider provider)
    {
        await using var factory = await VinculoAppFactory.CreateAsync(provider);
        var now = DateTime.UtcNow;
        Contact Person(string given, string paternal, string email, int daysAgo) => new()
        {
            GivenNames = given,
            PaternalSurname = paternal,
            DisplayName = Contact.ComposeDisplayName(given, paternal, null),
            CreatedAt = now.AddDays(-daysAgo),
            UpdatedAt = now.AddDays(-daysAgo),
            Emails = [new ContactEmail { Address = email, IsPrimary = true }],
        };
        var first = Person("Rocío", "Villalobos", "rocio.v@example.mx", 40);
        var second = Person("Rocio", "Villalobos", "ROCIO.V@example.mx", 2);
        await using (var db = factory.Database.Open())
        {
            db.AddRange(first, second, Person("Tomás", "Aguirre", "tomas@example.mx", 5));
            await db.SaveChangesAsync();
        }

        using (var refused = await factory.CreateApiClient(await factory.CreateKeyAsync(WorkspaceRole.Viewer)).PostAsync("/api/v1/identity/detect", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var client = factory.CreateApiClient(await factory.CreateKeyAsync(WorkspaceRole.Marketer));
        using var accepted = await client.PostAsync("/api/v1/identity/detect?autoMerge=true", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = job.GetProperty("jobId").GetGuid();
        Assert.Equal($"/api/v1/identity/jobs/{jobId}", accepted.Headers.Location?.OriginalString);

        // The worker is a hosted service of the real host; the client polls the status URL.
        JsonElement status = default;
        for (var i = 0; i < 600; i++)
        {
            status = await client.GetFromJsonAsync<JsonElement>(accepted.Headers.Location);
            if (status.GetProperty("status").GetString() is nameof(DetectionJobStatus.Succeeded) or nameof(DetectionJobStatus.Failed))
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(nameof(DetectionJobStatus.Succeeded), status.GetProperty("status").GetString());
        Assert.Equal(1.0, status.GetProperty("progress").GetDouble());
        Assert.Equal(3, status.GetProperty("contactsKeyed").GetInt32());
        Assert.Equal(1, status.GetProperty("autoMerged").GetInt32());
        Assert.Contains(jobId, (await client.GetFromJsonAsync<JsonElement>("/api/v1/identity/jobs")).EnumerateArray().Select(j => j.GetProperty("jobId").GetGuid()));
        await using var check = factory.Database.Open();
        Assert.Equal(first.Id, (await check.Set<Contact>().SingleAsync(c => c.Id == second.Id)).MergedIntoId);
    }
}
