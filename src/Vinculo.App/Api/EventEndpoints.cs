using Microsoft.AspNetCore.Http.HttpResults;
using Vinculo.App.Hosting;
using Vinculo.Timeline;

namespace Vinculo.App.Api;

public static class EventEndpoints
{
    /// <summary>Event ingest. The contact timeline is read at /contacts/{id}/timeline.</summary>
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder v1)
    {
        var events = v1.MapGroup("/events").WithTags("Events");

        events.MapPost("/", async Task<Results<Created<EventView>, Ok<EventView>>> (TimelineService service, EventInput input, CancellationToken ct) =>
            {
                var recorded = await service.RecordAsync(input, ct);
                return recorded.Created
                    ? TypedResults.Created($"/api/v1/events/{recorded.Event.Id}", recorded.Event)
                    : TypedResults.Ok(recorded.Event);
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("IngestEvent")
            .WithSummary("201 with the new event, or 200 with the stored one when the idempotency key was seen before.")
            .ProducesValidationProblem();

        events.MapPost("/batch", async (TimelineService service, EventBatch batch, CancellationToken ct) =>
                TypedResults.Ok(await service.RecordBatchAsync(batch.Events ?? [], ct)))
            .RequireAuthorization(Policies.EditContacts)
            .WithName("IngestEventBatch")
            .WithSummary($"Up to 1000 events in one transaction: one invalid event refuses the batch (errors name events[i].field); repeated keys are not written twice.")
            .ProducesValidationProblem();

        return v1;
    }
}

public sealed record EventBatch(IReadOnlyList<EventInput>? Events);
