using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vinculo.Analytics;
using Vinculo.Contacts;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Import;
using Vinculo.Ingestion.Jobs;
using Vinculo.Ingestion.Mapping;
using Vinculo.Ingestion.Normalization;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;

namespace Vinculo.Bench;

/// <summary>
/// retail-rfm PATH [--provider sqlite|postgres] [--pg CONN] [--bulk] [--at-risk-days N] [--lost-days N] [--loyal-orders N] [--loyal-spent X]:
/// loads the UCI Online Retail file through the orders import (ImportService + ImportRunner: invoices →
/// orders and lines, customers → contacts, stock codes → products, all-negative invoices → cancelled),
/// or with --bulk straight through BulkSession, then prints the lifecycle clusters as of the day after the last invoice.
/// </summary>
internal static class RetailRfmBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.WriteLine("usage: retail-rfm PATH/online-retail.csv.gz [--provider sqlite|postgres] [--pg CONN] [--at-risk-days 90] [--lost-days 365] [--loyal-orders 3] [--loyal-spent 0]");
            return 1;
        }

        var (database, workspace) = await SegmentBenchSupport.CreateAsync(args, "vinculo_bench_retail");
        var factory = new ScopedDbContextFactory(database, new WorkspaceScope { WorkspaceId = workspace.Id });
        if (args.Contains("--bulk"))
        {
            await LoadWithBulkSessionAsync(database, workspace.Id, args[0]);
        }
        else
        {
            await LoadWithOrdersImportAsync(factory, args[0]);
        }

        await SegmentBenchSupport.AnalyzeAsync(database);
        DateTime lastOrder;
        await using (var db = database.Open(workspace.Id))
        {
            lastOrder = await db.Set<Order>().MaxAsync(o => o.OrderedAt);
            Console.WriteLine($"stored: {await db.Set<Contact>().CountAsync():N0} contacts, {await db.Set<Order>().CountAsync():N0} orders ({await db.Set<Order>().CountAsync(o => o.IsCancelled):N0} cancelled, {await db.Set<Order>().CountAsync(o => o.ContactId == null):N0} without customer), {await db.Set<OrderLine>().CountAsync():N0} lines, {await db.Set<Product>().CountAsync():N0} products");
        }

        var asOf = lastOrder.Date.AddDays(1);
        var time = new FixedTime(new DateTimeOffset(asOf, TimeSpan.Zero));
        var rfm = new RfmService(factory, time);
        var defaults = new RfmThresholds();
        await rfm.SaveThresholdsAsync(new RfmThresholds
        {
            AtRiskAfterDays = (int)SegmentBenchSupport.Number(args, "--at-risk-days", defaults.AtRiskAfterDays),
            LostAfterDays = (int)SegmentBenchSupport.Number(args, "--lost-days", defaults.LostAfterDays),
            LoyalMinOrders = (int)SegmentBenchSupport.Number(args, "--loyal-orders", defaults.LoyalMinOrders),
            LoyalMinSpent = decimal.Parse(SegmentBenchSupport.Option(args, "--loyal-spent", "0"), CultureInfo.InvariantCulture),
        });
        var summary = await SegmentBenchSupport.TimedAsync("RFM clusters (one SQL query)", () => rfm.SummarizeAsync(asOf));
        var t = summary.Thresholds;
        Console.WriteLine($"as of {asOf:yyyy-MM-dd}; thresholds: at risk after {t.AtRiskAfterDays} days without purchase, lost after {t.LostAfterDays} days, loyal = recent with >= {t.LoyalMinOrders} orders and >= {t.LoyalMinSpent:N2} spent; new = other recent buyers");
        Console.WriteLine($"{"cluster",-10} {"contacts",10} {"share",7} {"spent (GBP)",14} {"spend share",11}");
        foreach (var c in summary.Clusters)
        {
            Console.WriteLine($"{c.Stage,-10} {c.Contacts,10:N0} {c.ContactShare,7:P1} {c.Spent,14:N2} {c.SpendShare,11:P1}");
        }

        Console.WriteLine($"{"total",-10} {summary.Contacts,10:N0} {1,7:P1} {summary.Spent,14:N2}");
        return 0;
    }

    private static async Task LoadWithOrdersImportAsync(ScopedDbContextFactory factory, string path)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vinculo-retail-import-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var files = new ImportFiles(folder);
            var rules = new NormalizationRules(factory);
            var service = new ImportService(factory, rules, files, TimeProvider.System);
            var runner = new ImportRunner(factory, rules, files, TimeProvider.System);
            ImportUpload upload;
            await using (var stream = File.OpenRead(path))
            await using (var csv = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream)
            {
                upload = await service.UploadAsync(Path.GetFileName(path).Replace(".gz", "", StringComparison.OrdinalIgnoreCase), csv, ImportTarget.Orders);
            }

            Console.WriteLine("loader: orders import (ImportService + ImportRunner); mapping " +
                string.Join(", ", upload.SuggestedMapping.Columns.Select(c => c.Header + "→" + (c.Field ?? "-"))));
            await service.StartAsync(upload.JobId);
            var job = await SegmentBenchSupport.TimedAsync("orders import", () => runner.RunAsync(upload.JobId));
            Console.WriteLine($"import: {job.RowsDone:N0} rows, created {job.Created:N0}, unchanged {job.Unchanged:N0}, rejected {job.Rejected:N0}, warnings {job.Warnings:N0}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task LoadWithBulkSessionAsync(VinculoDatabase database, Guid workspaceId, string path)
    {
        var data = await SegmentBenchSupport.TimedAsync("read and shape CSV", () => Task.FromResult(Read(path)));
        Console.WriteLine($"loader: BulkSession; rows {data.Rows:N0}, invoices {data.Orders.Count:N0}, customers {data.Contacts.Count:N0}, products {data.Products.Count:N0}");
        await SegmentBenchSupport.TimedAsync("load through BulkSession", async () =>
        {
            await using var db = database.Open(workspaceId);
            await using var bulk = await BulkSession.BeginAsync(db);
            await bulk.InsertAsync(data.Contacts);
            await bulk.InsertAsync(data.Products);
            await bulk.InsertAsync(data.Orders);
            await bulk.InsertAsync(data.Lines);
            await bulk.CommitAsync();
            return 0;
        });
    }

    private sealed record Shaped(long Rows, List<Contact> Contacts, List<Product> Products, List<Order> Orders, List<OrderLine> Lines);

    private static Shaped Read(string path)
    {
        var contacts = new Dictionary<string, Contact>();
        var products = new Dictionary<string, Product>();
        var orders = new Dictionary<string, Order>();
        var lines = new List<OrderLine>();
        long rows = 0;
        using var stream = File.OpenRead(path);
        using var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? (Stream)new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var header = Split(reader.ReadLine() ?? "");
        int Col(string name) => Array.IndexOf(header, name);
        int invoiceCol = Col("InvoiceNo"), skuCol = Col("StockCode"), descCol = Col("Description"), qtyCol = Col("Quantity"),
            dateCol = Col("InvoiceDate"), priceCol = Col("UnitPrice"), customerCol = Col("CustomerID"), countryCol = Col("Country");
        var loadedAt = DateTime.UtcNow;
        while (reader.ReadLine() is { } line)
        {
            var f = Split(line);
            if (f.Length < header.Length)
            {
                continue;
            }

            rows++;
            var invoice = f[invoiceCol];
            var customer = f[customerCol].EndsWith(".0", StringComparison.Ordinal) ? f[customerCol][..^2] : f[customerCol];
            if (!orders.TryGetValue(invoice, out var order))
            {
                Guid? contactId = null;
                if (customer.Length > 0)
                {
                    if (!contacts.TryGetValue(customer, out var contact))
                    {
                        contact = new Contact
                        {
                            ExternalId = customer,
                            DisplayName = "Customer " + customer,
                            SearchName = "customer " + customer,
                            CustomFields = $$"""{"country":"{{f[countryCol].Replace("\"", "", StringComparison.Ordinal)}}"}""",
                            CreatedAt = loadedAt,
                            UpdatedAt = loadedAt,
                        };
                        contacts[customer] = contact;
                    }

                    contactId = contact.Id;
                }

                order = new Order
                {
                    ContactId = contactId,
                    ExternalId = invoice,
                    Channel = SalesChannel.Web,
                    OrderedAt = DateTime.SpecifyKind(DateTime.Parse(f[dateCol], CultureInfo.InvariantCulture), DateTimeKind.Utc),
                    Currency = "GBP",
                    IsCancelled = invoice.StartsWith('C'),
                };
                orders[invoice] = order;
            }

            var sku = f[skuCol].Trim();
            var description = f[descCol].Trim();
            if (!products.TryGetValue(sku, out var product))
            {
                product = new Product { Sku = sku, Name = description.Length > 0 ? Truncate(description, 300) : sku, Currency = "GBP" };
                products[sku] = product;
            }

            var quantity = decimal.Parse(f[qtyCol], CultureInfo.InvariantCulture);
            var price = decimal.Parse(f[priceCol], CultureInfo.InvariantCulture);
            var total = decimal.Round(quantity * price, 2);
            order.Total += total;
            lines.Add(new OrderLine { OrderId = order.Id, ProductId = product.Id, Sku = Truncate(sku, 100), Description = Truncate(description, 300), Quantity = quantity, UnitPrice = price, LineTotal = total });
        }

        return new Shaped(rows, [.. contacts.Values], [.. products.Values], [.. orders.Values], lines);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>One CSV record (RFC 4180 quoting; no embedded newlines in this file).</summary>
    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
