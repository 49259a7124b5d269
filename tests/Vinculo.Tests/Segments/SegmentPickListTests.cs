using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Segments;

/// <summary>The lists the segment builder picks product categories and industries from.</summary>
public sealed class SegmentPickListTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Categories_and_industries_are_distinct_sorted_and_limited(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var orders = core.Get<OrderService>();
        await orders.UpsertProductAsync(new ProductInput("TEN-001", "Tenis correr", "Calzado"));
        await orders.UpsertProductAsync(new ProductInput("TEN-002", "Tenis niño", "Calzado"));
        await orders.UpsertProductAsync(new ProductInput("CAL-002", "Calcetas", "Accesorios"));
        await orders.UpsertProductAsync(new ProductInput("GIFT", "Bolsa"));
        var organizations = core.Get<OrganizationService>();
        await organizations.CreateAsync(new OrganizationInput { Name = "Abarrotes Juárez", Industry = "Retail" });
        await organizations.CreateAsync(new OrganizationInput { Name = "Comercial del Bajío", Industry = "Retail" });
        await organizations.CreateAsync(new OrganizationInput { Name = "Aceros del Norte", Industry = "Manufactura" });
        await organizations.CreateAsync(new OrganizationInput { Name = "Sin giro" });

        Assert.Equal(["Accesorios", "Calzado"], await orders.CategoriesAsync());
        Assert.Equal(["Accesorios"], await orders.CategoriesAsync(limit: 1));
        Assert.Equal(["Manufactura", "Retail"], await organizations.IndustriesAsync());
    }
}
