using System.Security.Claims;
using System.Text.Json;
using Vinculo.App.Hosting;
using Vinculo.Ingestion.Identity;

namespace Vinculo.App.Api;

/// <summary>Identity resolution: review duplicate candidates, merge, dismiss, unmerge, run detection.</summary>
public static class IdentityEndpoints
{
    public sealed record MergeCandidateBody(Guid? SurvivorId);

    public sealed record MergeContactsBody(Guid SurvivorId, Guid LoserId, SurvivorshipPolicy? Survivorship);

    public sealed record MergeView(Guid Id, Guid SurvivorId, Guid LoserId, Guid? CandidateId, bool Automatic, string? Actor, DateTime MergedAt, DateTime? UnmergedAt, JsonElement MovedRows)
    {
        public static MergeView From(ContactMerge m) =>
            new(m.Id, m.SurvivorId, m.LoserId, m.CandidateId, m.Automatic, m.Actor, m.MergedAt, m.UnmergedAt, JsonDocument.Parse(m.MovedRows).RootElement.Clone());
    }

    public static RouteGroupBuilder MapIdentity(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/identity").WithTags("Identity");

        g.MapGet("/candidates", async (DuplicateCandidateQueries q, CandidateStatus? status, double? minProbability, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await q.ListAsync(status ?? CandidateStatus.Open, minProbability, page, pageSize, ct)))
            .RequireAuthorization(Policies.Read);

        g.MapGet("/candidates/{id:guid}", async (DuplicateCandidateQueries q, Guid id, CancellationToken ct) =>
            Results.Ok(await q.GetAsync(id, ct)))
            .RequireAuthorization(Policies.Read);

        g.MapPost("/candidates/{id:guid}/merge", async (ContactMergeService merges, ClaimsPrincipal user, Guid id, MergeCandidateBody? body, CancellationToken ct) =>
            Results.Ok(MergeView.From(await merges.MergeCandidateAsync(id, body?.SurvivorId, user.Identity?.Name, ct))))
            .RequireAuthorization(Policies.EditContacts);

        g.MapPost("/candidates/{id:guid}/dismiss", async (ContactMergeService merges, Guid id, CancellationToken ct) =>
        {
            await merges.DismissAsync(id, ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.EditContacts);

        g.MapPost("/merges", async (ContactMergeService merges, ClaimsPrincipal user, MergeContactsBody body, CancellationToken ct) =>
            Results.Ok(MergeView.From(await merges.MergeAsync(
                new MergeRequest(body.SurvivorId, body.LoserId) { Actor = user.Identity?.Name, Survivorship = body.Survivorship }, ct))))
            .RequireAuthorization(Policies.EditContacts);

        g.MapGet("/merges/{id:guid}", async (DuplicateCandidateQueries q, Guid id, CancellationToken ct) =>
            Results.Ok(MergeView.From(await q.GetMergeAsync(id, ct))))
            .RequireAuthorization(Policies.Read);

        g.MapPost("/merges/{id:guid}/unmerge", async (ContactMergeService merges, Guid id, CancellationToken ct) =>
            Results.Ok(MergeView.From(await merges.UnmergeAsync(id, ct))))
            .RequireAuthorization(Policies.EditContacts);

        // Detection is a durable background job: 202 with the job's status URL, which the client polls.
        g.MapPost("/detect", async (DetectionJobService jobs, ClaimsPrincipal user, bool? autoMerge, CancellationToken ct) =>
        {
            var job = await jobs.StartAsync(autoMerge ?? false, user.Identity?.Name, ct);
            return Results.Accepted($"/api/v1/identity/jobs/{job.JobId}", job);
        }).RequireAuthorization(Policies.EditContacts);

        g.MapGet("/jobs", async (DetectionJobService jobs, int? take, CancellationToken ct) =>
            Results.Ok(await jobs.ListAsync(take ?? 20, ct)))
            .RequireAuthorization(Policies.Read);

        g.MapGet("/jobs/{id:guid}", async (DetectionJobService jobs, Guid id, CancellationToken ct) =>
            Results.Ok(await jobs.GetAsync(id, ct)))
            .RequireAuthorization(Policies.Read);

        // The workspace's survivorship policy: what a merge keeps when both contacts have a value.
        g.MapGet("/survivorship", async (IdentitySettingsService settings, CancellationToken ct) =>
            Results.Ok(await settings.GetAsync(ct)))
            .RequireAuthorization(Policies.Read);

        g.MapPut("/survivorship", async (IdentitySettingsService settings, ClaimsPrincipal user, SurvivorshipPolicy body, CancellationToken ct) =>
            Results.Ok(await settings.SaveAsync(body, user.Identity?.Name, ct)))
            .RequireAuthorization(Policies.Admin);

        return g;
    }
}
