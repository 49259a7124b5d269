using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Storage.Bulk;
using Vinculo.Timeline;

namespace Vinculo.Ingestion.Import;

/// <summary>
/// Order lines (one row per line, the lines of an order share its id): an order already stored under
/// its id is left as it is, so re-running a file changes nothing. Customers are found by external id
/// or email, and created bare when unknown; unknown SKUs become products.
/// </summary>
public sealed class OrderImporter : IRowImporter
{
    public string? GroupField => "order_id";

    public async Task<ChunkCounts> ImportAsync(ChunkContext context, IReadOnlyList<NormalizedRow> rows, CancellationToken ct)
    {
        var counts = new ChunkCounts();
        var r = context.Rows;
        int orderId = r.Slot("order_id"), orderedAt = r.Slot("ordered_at"), customerId = r.Slot("customer_id"), customerEmail = r.Slot("customer_email"),
            sku = r.Slot("sku"), description = r.Slot("description"), quantity = r.Slot("quantity"), unitPrice = r.Slot("unit_price"),
            channel = r.Slot("channel"), currency = r.Slot("currency"), store = r.Slot("store");

        var groups = new Dictionary<string, List<(NormalizedRow Row, decimal Quantity, decimal Price)>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!row.HasError)
            {
                Require(row, orderId, "order_id");
                Require(row, orderedAt, "ordered_at");
                Require(row, sku, "sku");
            }

            decimal q = 0, p = 0;
            if (!row.HasError && !ImportValues.TryDecimal(row[quantity], out q))
            {
                row.AddIssue("quantity", row[quantity], row[quantity] is null ? "is required" : "is not a number", warning: false);
            }

            if (!row.HasError && row[unitPrice] is not null && !ImportValues.TryDecimal(row[unitPrice], out p))
            {
                row.AddIssue("unit_price", row[unitPrice], "is not a number", warning: false);
            }

            if (RowNormalizer.Report(row, counts))
            {
                continue;
            }

            if (!groups.TryGetValue(row[orderId]!, out var group))
            {
                groups[row[orderId]!] = group = [];
            }

            group.Add((row, q, p));
        }

        var db = context.Db;
        var ids = groups.Keys.ToList();
        var existingOrders = (await KeyLookup.FindAsync(db, "orders", "external_id", "id", ids, ct: ct)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

        var newGroups = groups.Where(g => !existingOrders.Contains(g.Key)).ToList();
        foreach (var g in groups.Where(g => existingOrders.Contains(g.Key)))
        {
            counts.Unchanged += g.Value.Count;
        }

        // Customers: one lookup per key kind for the whole chunk.
        var customerIds = newGroups.Select(g => g.Value[0].Row[customerId]).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var emails = newGroups.Where(g => g.Value[0].Row[customerId] is null).Select(g => g.Value[0].Row[customerEmail]).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var contactByKey = await ContactKeys.FindAsync(db, customerIds, emails, [], survivors: true, ct);

        var skus = newGroups.SelectMany(g => g.Value.Select(l => l.Row[sku]!)).Distinct(StringComparer.Ordinal).ToList();
        var productBySku = (await KeyLookup.FindAsync(db, "products", "sku", "id", skus, ct: ct)).ToDictionary(p => p.Key, p => p.Id, StringComparer.Ordinal);

        var newContacts = new List<Contact>();
        var newEmails = new List<ContactEmail>();
        var newProducts = new List<Product>();
        var orders = new List<Order>();
        var lines = new List<OrderLine>();
        var interactions = new List<Interaction>();
        foreach (var (externalId, groupLines) in newGroups)
        {
            var first = groupLines[0].Row;
            var contactId = ResolveCustomer(first[customerId], first[customerEmail], contactByKey, newContacts, newEmails, context.Now);
            var order = new Order
            {
                ExternalId = externalId,
                ContactId = contactId,
                OrderedAt = ImportValues.Instant(first[orderedAt]) ?? throw new FormatException($"'{first[orderedAt]}' is not a normalized date and time"),
                Channel = ImportValues.Channel(first[channel]),
                Currency = first[currency]?.ToUpperInvariant() is { Length: 3 } code ? code : "MXN",
                StoreCode = first[store],
            };
            foreach (var (row, q, p) in groupLines)
            {
                var lineSku = row[sku]!;
                if (!productBySku.TryGetValue(lineSku, out var productId))
                {
                    var product = new Product { Sku = lineSku, Name = row[description] ?? lineSku, Price = p, Currency = order.Currency };
                    newProducts.Add(product);
                    productBySku[lineSku] = productId = product.Id;
                }

                var line = new OrderLine { OrderId = order.Id, ProductId = productId, Sku = lineSku, Description = row[description], Quantity = q, UnitPrice = p, LineTotal = Math.Round(q * p, 2) };
                lines.Add(line);
                order.Total += line.LineTotal;
            }

            // Returns and cancellations come as orders whose every quantity is negative.
            order.IsCancelled = groupLines.All(l => l.Quantity < 0);
            orders.Add(order);
            counts.Created += groupLines.Count;
            interactions.Add(new Interaction
            {
                ContactId = contactId,
                Type = order.IsCancelled ? "order.cancelled" : "order.placed",
                Channel = order.Channel.ToString().ToLowerInvariant(),
                OccurredAt = order.OrderedAt,
                RecordedAt = context.Now,
                IdempotencyKey = "order:" + externalId,
                Source = "import",
                Properties = new JsonObject { ["order_id"] = externalId, ["total"] = order.Total, ["currency"] = order.Currency, ["lines"] = groupLines.Count }.ToJsonString(),
            });
        }

        if (context.Session is { } session)
        {
            await session.InsertAsync(newContacts, ct: ct);
            await session.InsertAsync(newEmails, ct: ct);
            await session.InsertAsync(newProducts, skipConflicts: true, ct: ct);
            await session.InsertAsync(orders, ct: ct);
            await session.InsertAsync(lines, ct: ct);
            await session.InsertAsync(interactions, skipConflicts: true, ct: ct);
        }

        return counts;
    }

    private static void Require(NormalizedRow row, int slot, string field)
    {
        if (row[slot] is null)
        {
            row.AddIssue(field, null, "is required", warning: false);
        }
    }

    private static Guid? ResolveCustomer(string? externalId, string? email, Dictionary<string, Guid> byKey, List<Contact> newContacts, List<ContactEmail> newEmails, DateTime now)
    {
        var key = externalId is not null ? ContactDraft.ExternalKey(externalId) : email is not null ? ContactDraft.EmailKey(email) : null;
        if (key is null)
        {
            return null;
        }

        if (byKey.TryGetValue(key, out var id))
        {
            return id;
        }

        // A customer the CRM has not seen yet: created bare, to be completed by a contacts import.
        var contact = new Contact { ExternalId = externalId, DisplayName = externalId ?? email!, SearchName = Normalization.Normalize.SearchKey(externalId ?? email), CreatedAt = now, UpdatedAt = now };
        newContacts.Add(contact);
        if (externalId is null && email is not null)
        {
            newEmails.Add(new ContactEmail { ContactId = contact.Id, Address = email, IsPrimary = true });
        }

        byKey[key] = contact.Id;
        return contact.Id;
    }
}
