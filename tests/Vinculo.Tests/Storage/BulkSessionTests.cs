using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Orders;
using Vinculo.Storage;
using Vinculo.Storage.Bulk;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Storage;

public sealed class BulkSessionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_rows_read_back_through_EF_exactly_as_written(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var now = new DateTime(2026, 11, 22, 10, 30, 15, 123, DateTimeKind.Utc);
        var contacts = Enumerable.Range(0, 450).Select(i => new Contact
        {
            GivenNames = "Ana " + i,
            PaternalSurname = "Pérez",
            DisplayName = "Ana " + i + " Pérez",
            BirthDate = new DateOnly(1990, 1, 1).AddDays(i),
            Status = i % 2 == 0 ? ContactStatus.Active : ContactStatus.Blocked,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        var emails = contacts.Select(c => new ContactEmail { ContactId = c.Id, Address = $"{c.Id:N}@example.com" }).ToList();
        var order = new Order { ContactId = contacts[0].Id, OrderedAt = now, Total = 1234.56m, Channel = SalesChannel.Pos };

        await using (var db = t.Open())
        await using (var bulk = await BulkSession.BeginAsync(db))
        {
            Assert.Equal(450, await bulk.InsertAsync(contacts));
            Assert.Equal(450, await bulk.InsertAsync(emails));
            Assert.Equal(1, await bulk.InsertAsync([order]));
            await bulk.CommitAsync();
        }

        await using (var db = t.Open())
        {
            Assert.Equal(450, await db.Set<Contact>().CountAsync());
            var first = await db.Set<Contact>().Include(c => c.Emails).SingleAsync(c => c.Id == contacts[1].Id);
            Assert.Equal(ContactStatus.Blocked, first.Status);
            Assert.Equal(new DateOnly(1990, 1, 2), first.BirthDate);
            Assert.Equal(now, first.CreatedAt);
            Assert.Equal(t.Workspace.Id, first.WorkspaceId);
            Assert.Single(first.Emails);
            var loadedOrder = await db.Set<Order>().SingleAsync();
            Assert.Equal(1234.56m, loadedOrder.Total);
            Assert.Equal(SalesChannel.Pos, loadedOrder.Channel);
            Assert.Equal(1, await db.Set<Contact>().CountAsync(c => c.BirthDate > new DateOnly(1991, 3, 1) && c.BirthDate < new DateOnly(1991, 3, 3)));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Skipping_conflicts_keeps_the_first_of_each_idempotency_key(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        Interaction Event(string key, string type) => new() { Type = type, IdempotencyKey = key, OccurredAt = DateTime.UtcNow, RecordedAt = DateTime.UtcNow };

        await using (var db = t.Open())
        await using (var bulk = await BulkSession.BeginAsync(db))
        {
            Assert.Equal(2, await bulk.InsertAsync([Event("a", "first"), Event("b", "first")], skipConflicts: true));
            Assert.Equal(1, await bulk.InsertAsync([Event("a", "second"), Event("c", "second")], skipConflicts: true));
            await bulk.CommitAsync();
        }

        await using (var db = t.Open())
        {
            var types = await db.Set<Interaction>().OrderBy(i => i.IdempotencyKey).Select(i => i.Type).ToListAsync();
            Assert.Equal(["first", "first", "second"], types);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Nothing_is_written_without_commit(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        await using (var db = t.Open())
        await using (var bulk = await BulkSession.BeginAsync(db))
        {
            await bulk.InsertAsync([new Contact { DisplayName = "Nadie" }]);
        }

        await using (var db = t.Open())
        {
            Assert.False(await db.Set<Contact>().AnyAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_rows_store_values_exactly_as_EF_does_so_SQL_comparisons_match_both(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var at = new DateTime(2026, 2, 28, 23, 59, 58, DateTimeKind.Utc).AddTicks(1_234_500);
        var born = new DateOnly(2008, 2, 29);
        Order NewOrder() => new() { Channel = SalesChannel.Web, OrderedAt = at, Total = 1999.90m, IsCancelled = true, StoreCode = "ÑU-01", ExternalId = null };
        Contact NewContact() => new() { DisplayName = "Iñaki Núñez", BirthDate = born, CreatedAt = at, UpdatedAt = at, Status = ContactStatus.Blocked };

        await using (var db = t.Open())
        {
            db.AddRange(NewOrder(), NewContact());
            await db.SaveChangesAsync();
        }

        await using (var db = t.Open())
        await using (var bulk = await BulkSession.BeginAsync(db))
        {
            await bulk.InsertAsync([NewOrder()]);
            await bulk.InsertAsync([NewContact()]);
            await bulk.CommitAsync();
        }

        await using (var db = t.Open())
        {
            Assert.Equal(2, await db.Set<Order>().CountAsync(o => o.OrderedAt == at && o.Total == 1999.90m && o.IsCancelled && o.Channel == SalesChannel.Web && o.StoreCode == "ÑU-01"));
            Assert.Equal(2, await db.Set<Contact>().CountAsync(c => c.BirthDate == born && c.CreatedAt == at && c.Status == ContactStatus.Blocked && c.DisplayName == "Iñaki Núñez"));
            Assert.Single(await db.Set<Order>().Select(o => o.OrderedAt).Distinct().ToListAsync());
        }
    }
}
