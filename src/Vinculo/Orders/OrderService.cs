using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Timeline;

namespace Vinculo.Orders;

public sealed record ProductInput(string Sku, string Name, string? Category = null, decimal? Price = null, string? Currency = null);

public sealed record ProductView(Guid Id, string Sku, string Name, string? Category, decimal? Price, string Currency)
{
    public static ProductView From(Product p) => new(p.Id, p.Sku, p.Name, p.Category, p.Price, p.Currency);
}

public sealed record OrderLineInput(string Sku, decimal Quantity, decimal? UnitPrice = null, string? Description = null);

public sealed record OrderInput
{
    public Guid? ContactId { get; init; }
    public Guid? OrganizationId { get; init; }
    /// <summary>Ticket or order number in the source system; unique per workspace.</summary>
    public string? ExternalId { get; init; }
    public SalesChannel Channel { get; init; }
    /// <summary>Now when left out.</summary>
    public DateTimeOffset? OrderedAt { get; init; }
    public string? Currency { get; init; }
    public string? StoreCode { get; init; }
    public IReadOnlyList<OrderLineInput>? Lines { get; init; }
}

public sealed record OrderLineView(Guid Id, Guid? ProductId, string Sku, string? Description, decimal Quantity, decimal UnitPrice, decimal LineTotal);

public sealed record OrderView(
    Guid Id, Guid? ContactId, Guid? OrganizationId, string? ExternalId, SalesChannel Channel, DateTime OrderedAt,
    string Currency, decimal Total, bool IsCancelled, string? StoreCode, IReadOnlyList<OrderLineView> Lines)
{
    public static OrderView From(Order o) => new(
        o.Id, o.ContactId, o.OrganizationId, o.ExternalId, o.Channel, o.OrderedAt, o.Currency, o.Total, o.IsCancelled, o.StoreCode,
        [.. o.Lines.Select(l => new OrderLineView(l.Id, l.ProductId, l.Sku, l.Description, l.Quantity, l.UnitPrice, l.LineTotal))]);
}

/// <summary>What a person has bought, per product.</summary>
public sealed record PurchasedProduct(Guid? ProductId, string Sku, string? Name, string? Category, decimal Quantity, decimal Spent, int Orders, DateTime LastOrderedAt);

/// <summary>Products and orders. An order with a contact also lands on the contact's timeline, in the same transaction.</summary>
public sealed class OrderService(IDbContextFactory<VinculoDbContext> contexts, TimeProvider time, SegmentSignals? segmentSignals = null)
{
    /// <summary>Creates the product or updates the one with the same SKU.</summary>
    public async Task<ProductView> UpsertProductAsync(ProductInput input, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var sku = Required(input.Sku, 100, "sku", errors);
        var name = Required(input.Name, 300, "name", errors);
        var category = Optional(input.Category, 100, "category", errors);
        var currency = Currency(input.Currency, "currency", errors);
        if (input.Price is < 0)
        {
            errors.Add("price", "must not be negative");
        }

        errors.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Sku == sku, ct);
        if (product is null)
        {
            product = new Product { Sku = sku!, Name = name! };
            db.Add(product);
        }

        product.Name = name!;
        product.Category = category;
        product.Price = input.Price;
        product.Currency = currency;
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        return ProductView.From(product);
    }

    public async Task<ProductView> GetProductAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Product", id);
        return ProductView.From(product);
    }

    public async Task<PagedResult<ProductView>> ListProductsAsync(string? query = null, string? category = null, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.Set<Product>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var lowered = query.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower().Contains to SQL; the overload with StringComparison it cannot.
            q = q.Where(x => x.Sku.ToLower().Contains(lowered) || x.Name.ToLower().Contains(lowered));
#pragma warning restore CA1862
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            var c = category.Trim();
            q = q.Where(x => x.Category == c);
        }

        var total = await q.LongCountAsync(ct);
        var items = await q.OrderBy(x => x.Sku).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<ProductView>([.. items.Select(ProductView.From)], p, size, total);
    }

    /// <summary>The workspace's product categories, alphabetically; at most <paramref name="limit"/> (for pickers).</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(int limit = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<Product>().AsNoTracking().Where(x => x.Category != null).Select(x => x.Category!).Distinct().OrderBy(c => c).Take(limit).ToListAsync(ct);
    }

    /// <summary>
    /// Records an order with its lines. Lines whose SKU is a known product link to it and take its price when none is given.
    /// A repeated external id is a conflict. With a contact, an "order.placed" event goes on the timeline too.
    /// </summary>
    public async Task<OrderView> CreateOrderAsync(OrderInput input, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors();
        var externalId = Optional(input.ExternalId, 100, "externalId", errors);
        var storeCode = Optional(input.StoreCode, 50, "storeCode", errors);
        var currency = Currency(input.Currency, "currency", errors);
        if (!Enum.IsDefined(input.Channel))
        {
            errors.Add("channel", "is not a sales channel");
        }

        var orderedAt = input.OrderedAt?.UtcDateTime ?? now;
        if (orderedAt > now + TimelineService.FutureTolerance)
        {
            errors.Add("orderedAt", "must not be in the future");
        }

        var lines = input.Lines ?? [];
        if (lines.Count == 0)
        {
            errors.Add("lines", "an order needs at least one line");
        }

        var skus = new List<string?>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            skus.Add(Required(line?.Sku, 100, $"lines[{i}].sku", errors));
            if (line is null)
            {
                continue;
            }

            if (line.Quantity <= 0)
            {
                errors.Add($"lines[{i}].quantity", "must be greater than zero");
            }

            if (line.UnitPrice is < 0)
            {
                errors.Add($"lines[{i}].unitPrice", "must not be negative");
            }

            Optional(line.Description, 300, $"lines[{i}].description", errors);
        }

        errors.ThrowIfAny();

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (input.ContactId is { } contactId && !await db.Set<Contact>().AnyAsync(c => c.Id == contactId, ct))
        {
            errors.Add("contactId", $"contact {contactId} does not exist");
        }

        if (input.OrganizationId is { } organizationId && !await db.Set<Organization>().AnyAsync(o => o.Id == organizationId, ct))
        {
            errors.Add("organizationId", $"organization {organizationId} does not exist");
        }

        errors.ThrowIfAny();
        if (externalId is not null && await db.Set<Order>().AnyAsync(o => o.ExternalId == externalId, ct))
        {
            throw new ConflictException($"An order with external id '{externalId}' already exists.");
        }

        var distinctSkus = skus.Distinct().ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => distinctSkus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, ct);
        var order = new Order
        {
            ContactId = input.ContactId,
            OrganizationId = input.OrganizationId,
            ExternalId = externalId,
            Channel = input.Channel,
            OrderedAt = DateTime.SpecifyKind(orderedAt, DateTimeKind.Utc),
            Currency = currency,
            StoreCode = storeCode,
        };
        for (var i = 0; i < lines.Count; i++)
        {
            products.TryGetValue(skus[i]!, out var product);
            var unitPrice = lines[i].UnitPrice ?? product?.Price;
            if (unitPrice is null)
            {
                errors.Add($"lines[{i}].unitPrice", $"is required: '{skus[i]}' is not a product with a price");
                continue;
            }

            order.Lines.Add(new OrderLine
            {
                OrderId = order.Id,
                ProductId = product?.Id,
                Sku = skus[i]!,
                Description = string.IsNullOrWhiteSpace(lines[i].Description) ? product?.Name : lines[i].Description!.Trim(),
                Quantity = lines[i].Quantity,
                UnitPrice = unitPrice.Value,
                LineTotal = decimal.Round(lines[i].Quantity * unitPrice.Value, 2, MidpointRounding.AwayFromZero),
            });
        }

        errors.ThrowIfAny();
        order.Total = order.Lines.Sum(l => l.LineTotal);
        db.Add(order);
        if (order.ContactId is not null)
        {
            db.Add(new Interaction
            {
                ContactId = order.ContactId,
                Type = "order.placed",
                Channel = order.Channel.ToString().ToLowerInvariant(),
                OccurredAt = order.OrderedAt,
                RecordedAt = now,
                IdempotencyKey = $"order:{order.Id}",
                Source = "orders",
                Properties = new JsonObject
                {
                    ["orderId"] = order.Id.ToString(),
                    ["externalId"] = order.ExternalId,
                    ["total"] = order.Total,
                    ["currency"] = order.Currency,
                    ["skus"] = new JsonArray([.. order.Lines.Select(l => (JsonNode?)JsonValue.Create(l.Sku))]),
                }.ToJsonString(),
            });
        }

        await db.SaveChangesAndSignalAsync(segmentSignals, ct);

        return OrderView.From(order);
    }

    public async Task<OrderView> GetOrderAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new NotFoundException("Order", id);
        return OrderView.From(order);
    }

    /// <summary>Orders, newest first, optionally of one contact and within [from, to).</summary>
    public async Task<PagedResult<OrderView>> ListOrdersAsync(Guid? contactId = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.Set<Order>().AsNoTracking();
        if (contactId is { } c)
        {
            q = q.Where(o => o.ContactId == c);
        }

        if (from is { } f)
        {
            var fu = f.UtcDateTime;
            q = q.Where(o => o.OrderedAt >= fu);
        }

        if (to is { } t)
        {
            var tu = t.UtcDateTime;
            q = q.Where(o => o.OrderedAt < tu);
        }

        var total = await q.LongCountAsync(ct);
        var items = await q.OrderByDescending(o => o.OrderedAt).ThenByDescending(o => o.Id).Skip((p - 1) * size).Take(size)
            .Include(o => o.Lines).AsSplitQuery().ToListAsync(ct);
        return new PagedResult<OrderView>([.. items.Select(OrderView.From)], p, size, total);
    }

    /// <summary>Marks an order cancelled (kept for history; RFM leaves it out).</summary>
    public async Task<OrderView> CancelOrderAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.Set<Order>().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Order", id);
        order.IsCancelled = true;
        await db.SaveChangesAndSignalAsync(segmentSignals, ct);
        return OrderView.From(order);
    }

    /// <summary>The products a person bought (cancelled orders left out), most recent first.</summary>
    public async Task<IReadOnlyList<PurchasedProduct>> ProductsOfContactAsync(Guid contactId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (from l in db.Set<OrderLine>()
                          join o in db.Set<Order>() on l.OrderId equals o.Id
                          where o.ContactId == contactId && !o.IsCancelled
                          group new { l, o } by new { l.ProductId, l.Sku } into g
                          select new
                          {
                              g.Key.ProductId,
                              g.Key.Sku,
                              Quantity = g.Sum(x => x.l.Quantity),
                              Spent = g.Sum(x => x.l.LineTotal),
                              Orders = g.Select(x => x.o.Id).Distinct().Count(),
                              Last = g.Max(x => x.o.OrderedAt),
                          }).ToListAsync(ct);
        var ids = rows.Where(r => r.ProductId is not null).Select(r => r.ProductId!.Value).Distinct().ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return [.. rows
            .Select(r =>
            {
                var product = r.ProductId is { } id ? products.GetValueOrDefault(id) : null;
                return new PurchasedProduct(r.ProductId, r.Sku, product?.Name, product?.Category, r.Quantity, r.Spent, r.Orders, r.Last);
            })
            .OrderByDescending(p => p.LastOrderedAt)];
    }

    private static string? Required(string? value, int max, string field, ValidationErrors errors)
    {
        var t = Optional(value, max, field, errors);
        if (t is null)
        {
            errors.Add(field, "is required");
        }

        return t;
    }

    private static string? Optional(string? value, int max, string field, ValidationErrors errors)
    {
        var t = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (t is { Length: var n } && n > max)
        {
            errors.Add(field, $"must be at most {max} characters");
        }

        return t;
    }

    private static string Currency(string? value, string field, ValidationErrors errors)
    {
        var c = string.IsNullOrWhiteSpace(value) ? "MXN" : value.Trim().ToUpper(CultureInfo.InvariantCulture);
        if (c.Length != 3 || !c.All(char.IsAsciiLetterUpper))
        {
            errors.Add(field, "must be an ISO 4217 code such as MXN");
        }

        return c;
    }
}

public static class OrdersServiceCollection
{
    public static IServiceCollection AddOrders(this IServiceCollection services) => services.AddScoped<OrderService>();
}
