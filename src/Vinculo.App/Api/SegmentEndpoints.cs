using System.Text.Json;
using Vinculo.Analytics;
using Vinculo.App.Hosting;
using Vinculo.Common;
using Vinculo.Segments;

namespace Vinculo.App.Api;

public sealed record SegmentRequest(string Name, string? Description, JsonElement Definition);

public sealed record SegmentPreviewRequest(JsonElement Definition, int? Sample);

public static class SegmentEndpoints
{
    /// <summary>Segments: CRUD with revisions, live preview (exact count + sample), members, refresh; lifecycle clusters.</summary>
    public static RouteGroupBuilder MapSegments(this RouteGroupBuilder v1)
    {
        var g = v1.MapGroup("/segments").WithTags("Segments").AddEndpointFilter(ProblemFilter);

        g.MapGet("/", async (SegmentService segments, CancellationToken ct) => Json(await segments.ListAsync(ct)))
            .RequireAuthorization(Policies.Read);
        g.MapGet("/{id:guid}", async (Guid id, SegmentService segments, CancellationToken ct) => Json(await segments.GetAsync(id, ct)))
            .RequireAuthorization(Policies.Read);
        g.MapGet("/{id:guid}/revisions", async (Guid id, SegmentService segments, CancellationToken ct) => Json(await segments.RevisionsAsync(id, ct)))
            .RequireAuthorization(Policies.Read);
        g.MapPost("/", async (SegmentRequest body, SegmentService segments, CancellationToken ct) =>
        {
            var created = await segments.CreateAsync(Input(body), ct);
            return Results.Json(created, SegmentDefinition.Json, statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization(Policies.Marketing);
        g.MapPut("/{id:guid}", async (Guid id, SegmentRequest body, SegmentService segments, CancellationToken ct) =>
            Json(await segments.UpdateAsync(id, Input(body), ct))).RequireAuthorization(Policies.Marketing);
        g.MapDelete("/{id:guid}", async (Guid id, SegmentService segments, CancellationToken ct) =>
        {
            await segments.DeleteAsync(id, ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.Marketing);

        // The builder's live count: an unsaved definition, evaluated exactly.
        g.MapPost("/preview", async (SegmentPreviewRequest body, SegmentService segments, CancellationToken ct) =>
            Json(await segments.PreviewAsync(Parse(body.Definition), body.Sample ?? 20, ct))).RequireAuthorization(Policies.Analytics);
        g.MapGet("/{id:guid}/preview", async (Guid id, int? sample, SegmentService segments, CancellationToken ct) =>
            Json(await segments.PreviewAsync(id, sample ?? 20, ct))).RequireAuthorization(Policies.Read);
        g.MapGet("/{id:guid}/members", async (Guid id, int? page, int? pageSize, SegmentService segments, CancellationToken ct) =>
            Json(await segments.MembersAsync(id, page, pageSize, ct))).RequireAuthorization(Policies.Read);
        g.MapPost("/{id:guid}/refresh", async (Guid id, SegmentRefresher refresher, CancellationToken ct) =>
            Json(await refresher.RefreshAsync(id, ct))).RequireAuthorization(Policies.Marketing);

        g.MapGet("/lifecycle", async (DateTime? asOf, RfmService rfm, CancellationToken ct) =>
            Json(await rfm.SummarizeAsync(asOf?.ToUniversalTime(), ct))).RequireAuthorization(Policies.Read);
        g.MapPut("/lifecycle/thresholds", async (RfmThresholds body, RfmService rfm, CancellationToken ct) =>
            Json(await rfm.SaveThresholdsAsync(body, ct))).RequireAuthorization(Policies.Marketing);
        return v1;
    }

    private static IResult Json<T>(T value) => Results.Json(value, SegmentDefinition.Json);

    private static SegmentInput Input(SegmentRequest body) => new(body.Name, body.Description, Parse(body.Definition));

    private static SegmentDefinition Parse(JsonElement definition) =>
        definition.ValueKind == JsonValueKind.Object
            ? SegmentDefinition.Parse(definition.GetRawText())
            : throw new ValidationFailedException("definition", "is required (a JSON object with a root condition)");

    /// <summary>Core exceptions as problem details (400 with the field paths, 404, 409).</summary>
    private static async ValueTask<object?> ProblemFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationFailedException e)
        {
            return Results.ValidationProblem(
                e.Errors.GroupBy(x => x.Field).ToDictionary(x => x.Key, x => x.Select(y => y.Reason).ToArray()),
                title: "The segment is not valid.");
        }
        catch (NotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ConflictException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
