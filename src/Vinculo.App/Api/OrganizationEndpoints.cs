using Vinculo.App.Hosting;
using Vinculo.Contacts;

namespace Vinculo.App.Api;

public static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganizations(this RouteGroupBuilder v1)
    {
        var organizations = v1.MapGroup("/organizations").WithTags("Organizations");

        organizations.MapGet("/", async (OrganizationService service, string? q, string? industry, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await service.SearchAsync(q, industry, page, pageSize, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("SearchOrganizations");

        organizations.MapPost("/", async (OrganizationService service, OrganizationInput input, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(input, ct);
                return TypedResults.Created($"/api/v1/organizations/{created.Id}", created);
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("CreateOrganization")
            .ProducesValidationProblem();

        organizations.MapGet("/{id:guid}", async (OrganizationService service, Guid id, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(id, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetOrganization");

        organizations.MapPut("/{id:guid}", async (OrganizationService service, Guid id, OrganizationInput input, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(id, input, ct)))
            .RequireAuthorization(Policies.EditContacts)
            .WithName("UpdateOrganization")
            .ProducesValidationProblem();

        organizations.MapDelete("/{id:guid}", async (OrganizationService service, Guid id, CancellationToken ct) =>
            {
                await service.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("DeleteOrganization");

        organizations.MapGet("/{id:guid}/members", async (OrganizationService service, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await service.ListMembersAsync(id, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("ListOrganizationMembers");

        organizations.MapPost("/{id:guid}/members", async (OrganizationService service, Guid id, MembershipInput input, CancellationToken ct) =>
            {
                var created = await service.AddMembershipAsync(id, input, ct);
                return TypedResults.Created($"/api/v1/organizations/{id}/members/{created.Id}", created);
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("AddOrganizationMember")
            .ProducesValidationProblem();

        organizations.MapPut("/{id:guid}/members/{membershipId:guid}", async (OrganizationService service, Guid id, Guid membershipId, MembershipInput input, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateMembershipAsync(id, membershipId, input, ct)))
            .RequireAuthorization(Policies.EditContacts)
            .WithName("UpdateOrganizationMember");

        organizations.MapDelete("/{id:guid}/members/{membershipId:guid}", async (OrganizationService service, Guid id, Guid membershipId, CancellationToken ct) =>
            {
                await service.RemoveMembershipAsync(id, membershipId, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("RemoveOrganizationMember");

        return v1;
    }
}
