using Vinculo.App.Hosting;
using Vinculo.Contacts;

namespace Vinculo.App.Api;

public static class CustomFieldEndpoints
{
    public static RouteGroupBuilder MapCustomFields(this RouteGroupBuilder v1)
    {
        var fields = v1.MapGroup("/custom-fields").WithTags("Custom fields");

        fields.MapGet("/", async (CustomFieldService service, CustomFieldTarget? target, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(target, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("ListCustomFields");

        fields.MapGet("/{id:guid}", async (CustomFieldService service, Guid id, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetCustomField");

        fields.MapPost("/", async (CustomFieldService service, CustomFieldInput input, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/v1/custom-fields/{created.Id}", created);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateCustomField")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        fields.MapPut("/{id:guid}", async (CustomFieldService service, Guid id, CustomFieldInput input, CancellationToken ct) => TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("UpdateCustomField")
            .ProducesValidationProblem();

        fields.MapDelete("/{id:guid}", async (CustomFieldService service, Guid id, CancellationToken ct) =>
            {
                await service.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("DeleteCustomField");

        return v1;
    }
}
