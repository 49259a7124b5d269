using Vinculo.App.Hosting;
using Vinculo.Families;

namespace Vinculo.App.Api;

public static class FamilyEndpoints
{
    /// <summary>Guardian links; a contact's guardians and children are read under /contacts/{id}/.</summary>
    public static RouteGroupBuilder MapFamilies(this RouteGroupBuilder v1)
    {
        var links = v1.MapGroup("/guardian-links").WithTags("Families");

        links.MapPost("/", async (FamilyService service, GuardianLinkInput input, CancellationToken ct) =>
                TypedResults.Ok(await service.LinkAsync(input, ct)))
            .RequireAuthorization(Policies.EditContacts)
            .WithName("LinkGuardian")
            .WithSummary("Links an adult guardian to a minor; the same link again returns the existing one. The view's person is the minor.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        links.MapDelete("/{id:guid}", async (FamilyService service, Guid id, string? reason, CancellationToken ct) =>
            {
                await service.EndLinkAsync(id, reason ?? "revoked", ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("EndGuardianLink")
            .WithSummary("Ends the link; it stays in the history.");

        return v1;
    }
}
