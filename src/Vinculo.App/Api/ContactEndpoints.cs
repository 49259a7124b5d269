using Microsoft.AspNetCore.Mvc;
using Vinculo.App.Hosting;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Orders;
using Vinculo.Timeline;

namespace Vinculo.App.Api;

public static class ContactEndpoints
{
    /// <summary>Contacts CRUD and search, and what hangs from a contact: guardians, children, organizations, orders, products, timeline.</summary>
    public static RouteGroupBuilder MapContacts(this RouteGroupBuilder v1)
    {
        var contacts = v1.MapGroup("/contacts").WithTags("Contacts");

        contacts.MapGet("/", async (ContactService service, string? q, string? name, string? email, string? phone,
                [FromQuery] string[]? tag, bool? includeInactive, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await service.SearchAsync(new ContactSearch
                {
                    Query = q,
                    Name = name,
                    Email = email,
                    Phone = phone,
                    Tags = tag,
                    IncludeInactive = includeInactive ?? false,
                    Page = page,
                    PageSize = pageSize,
                }, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("SearchContacts")
            .WithSummary("Search contacts by free text (q: name, email or phone in any writing), name, email, phone and tags; paged.");

        contacts.MapPost("/", async (ContactService service, ContactInput input, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/v1/contacts/{created.Id}", created);
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("CreateContact")
            .ProducesValidationProblem();

        contacts.MapGet("/{id:guid}", async (ContactService service, Guid id, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetContact")
            .ProducesProblem(StatusCodes.Status404NotFound);

        contacts.MapPut("/{id:guid}", async (ContactService service, Guid id, ContactInput input, CancellationToken ct) => TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .RequireAuthorization(Policies.EditContacts)
            .WithName("UpdateContact")
            .WithSummary("Replaces every field and list of the contact.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        contacts.MapDelete("/{id:guid}", async (ContactService service, Guid id, CancellationToken ct) =>
            {
                await service.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("DeleteContact")
            .ProducesProblem(StatusCodes.Status404NotFound);

        contacts.MapGet("/{id:guid}/guardians", async (FamilyService service, Guid id, bool? includeEnded, CancellationToken ct) =>
                TypedResults.Ok(await service.GetGuardiansAsync(id, includeEnded ?? false, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetGuardians");

        contacts.MapGet("/{id:guid}/children", async (FamilyService service, Guid id, bool? includeEnded, CancellationToken ct) =>
                TypedResults.Ok(await service.GetChildrenAsync(id, includeEnded ?? false, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetChildren");

        contacts.MapGet("/{id:guid}/organizations", async (OrganizationService service, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await service.ListForContactAsync(id, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetContactOrganizations");

        contacts.MapGet("/{id:guid}/orders", async (OrderService service, Guid id, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await service.ListOrdersAsync(id, from, to, page, pageSize, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetContactOrders");

        contacts.MapGet("/{id:guid}/products", async (OrderService service, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await service.ProductsOfContactAsync(id, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetContactProducts")
            .WithSummary("The products this person bought, with quantity, spend and last purchase.");

        contacts.MapGet("/{id:guid}/timeline", async (TimelineService service, Guid id, [FromQuery] string[]? type, string? channel,
                DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await service.GetTimelineAsync(id, new TimelineQuery
                {
                    Types = type,
                    Channel = channel,
                    From = from,
                    To = to,
                    Page = page,
                    PageSize = pageSize,
                }, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetContactTimeline")
            .WithSummary("Newest first; type may repeat and may end in .* (\"email.*\"); from inclusive, to exclusive.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }
}
