using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Orders;

public sealed class OrderServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_order_prices_lines_from_products_and_lands_on_the_timeline(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contact = await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Ana" });
        var orders = core.Get<OrderService>();
        await orders.UpsertProductAsync(new ProductInput("TEN-001", "Tenis correr", "Calzado", 1299.90m));
        await orders.UpsertProductAsync(new ProductInput("CAL-002", "Calcetas", "Accesorios", 99m));

        var order = await orders.CreateOrderAsync(new OrderInput
        {
            ContactId = contact.Id,
            ExternalId = "T-1001",
            Channel = SalesChannel.Pos,
            StoreCode = "CDMX-01",
            Lines = [new OrderLineInput("TEN-001", 1), new OrderLineInput("CAL-002", 3), new OrderLineInput("GIFT", 1, 0m, "Bolsa")],
        });
        Assert.Equal(1299.90m + 297m, order.Total);
        Assert.NotNull(order.Lines[0].ProductId);
        Assert.Null(order.Lines[2].ProductId);

        var read = await orders.GetOrderAsync(order.Id);
        Assert.Equal(3, read.Lines.Count);
        await Assert.ThrowsAsync<ConflictException>(() => orders.CreateOrderAsync(new OrderInput { ExternalId = "T-1001", Lines = [new OrderLineInput("GIFT", 1, 1m)] }));

        var bought = await orders.ProductsOfContactAsync(contact.Id);
        Assert.Equal(3m, bought.Single(b => b.Sku == "CAL-002").Quantity);
        Assert.Equal("Tenis correr", bought.Single(b => b.Sku == "TEN-001").Name);

        var timeline = await core.Get<TimelineService>().GetTimelineAsync(contact.Id);
        var placed = Assert.Single(timeline.Items);
        Assert.Equal("order.placed", placed.Type);
        Assert.Equal("pos", placed.Channel);

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => orders.CreateOrderAsync(new OrderInput
        {
            ContactId = contact.Id,
            Lines = [new OrderLineInput("TEN-001", 0), new OrderLineInput("UNKNOWN", 1)],
        }));
        Assert.Equal(["lines[0].quantity"], bad.Errors.Select(e => e.Field));
        var unpriced = await Assert.ThrowsAsync<ValidationFailedException>(() => orders.CreateOrderAsync(new OrderInput { Lines = [new OrderLineInput("UNKNOWN", 1)] }));
        Assert.Equal("lines[0].unitPrice", Assert.Single(unpriced.Errors).Field);
        Assert.Equal(1, (await orders.ListOrdersAsync(contact.Id)).Total);
    }
}
