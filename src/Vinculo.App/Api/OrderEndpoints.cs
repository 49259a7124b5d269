using Vinculo.App.Hosting;
using Vinculo.Orders;

namespace Vinculo.App.Api;

public static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder v1)
    {
        var products = v1.MapGroup("/products").WithTags("Products and orders");
        products.MapGet("/", async (OrderService service, string? q, string? category, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await service.ListProductsAsync(q, category, page, pageSize, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("ListProducts");
        products.MapPost("/", async (OrderService service, ProductInput input, CancellationToken ct) => TypedResults.Ok(await service.UpsertProductAsync(input, ct)))
            .RequireAuthorization(Policies.EditContacts)
            .WithName("UpsertProduct")
            .WithSummary("Creates the product, or updates the one with the same SKU.")
            .ProducesValidationProblem();
        products.MapGet("/{id:guid}", async (OrderService service, Guid id, CancellationToken ct) => TypedResults.Ok(await service.GetProductAsync(id, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetProduct");

        var orders = v1.MapGroup("/orders").WithTags("Products and orders");
        orders.MapGet("/", async (OrderService service, Guid? contactId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await service.ListOrdersAsync(contactId, from, to, page, pageSize, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("ListOrders");
        orders.MapPost("/", async (OrderService service, OrderInput input, CancellationToken ct) =>
            {
                var created = await service.CreateOrderAsync(input, ct);
                return TypedResults.Created($"/api/v1/orders/{created.Id}", created);
            })
            .RequireAuthorization(Policies.EditContacts)
            .WithName("CreateOrder")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapGet("/{id:guid}", async (OrderService service, Guid id, CancellationToken ct) => TypedResults.Ok(await service.GetOrderAsync(id, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("GetOrder");
        orders.MapPost("/{id:guid}/cancel", async (OrderService service, Guid id, CancellationToken ct) => TypedResults.Ok(await service.CancelOrderAsync(id, ct)))
            .RequireAuthorization(Policies.EditContacts)
            .WithName("CancelOrder");

        return v1;
    }
}
