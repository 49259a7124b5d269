using Vinculo.Storage;

namespace Vinculo.Orders;

public enum SalesChannel
{
    Other = 0,
    Store = 1,
    Web = 2,
    Pos = 3,
    Phone = 4,
    Marketplace = 5,
}

public sealed class Product : WorkspaceEntity
{
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public string? Category { get; set; }
    public decimal? Price { get; set; }
    public string Currency { get; set; } = "MXN";
}

public sealed class Order : WorkspaceEntity
{
    public Guid? ContactId { get; set; }
    public Guid? OrganizationId { get; set; }
    /// <summary>Order or ticket number in the source system; unique per workspace when present.</summary>
    public string? ExternalId { get; set; }
    public SalesChannel Channel { get; set; }
    public DateTime OrderedAt { get; set; }
    public string Currency { get; set; } = "MXN";
    public decimal Total { get; set; }
    /// <summary>Cancelled orders stay for history and are left out of RFM.</summary>
    public bool IsCancelled { get; set; }
    public string? StoreCode { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine : WorkspaceEntity
{
    public Guid OrderId { get; set; }
    public Guid? ProductId { get; set; }
    public required string Sku { get; set; }
    public string? Description { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal LineTotal { get; set; }
}
