using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;
using Vinculo.Workspaces;

namespace Vinculo.Tests.Storage;

public sealed class StorageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_round_trips_with_its_channels_and_stays_in_its_workspace(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        var contact = new Contact
        {
            GivenNames = "María José",
            PaternalSurname = "Hernández",
            MaternalSurname = "López",
            DisplayName = "María José Hernández López",
            BirthDate = new DateOnly(2008, 2, 29),
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
            Emails = [new ContactEmail { Address = "mj@example.com", IsPrimary = true }],
            Phones = [new ContactPhone { Number = "+525512345678", Label = "mobile" }],
        };
        await using (var db = t.Open())
        {
            db.Add(contact);
            await db.SaveChangesAsync();
        }

        await using (var db = t.Open())
        {
            var loaded = await db.Set<Contact>().Include(c => c.Emails).Include(c => c.Phones).SingleAsync(c => c.Id == contact.Id);
            Assert.Equal("López", loaded.MaternalSurname);
            Assert.Equal(new DateOnly(2008, 2, 29), loaded.BirthDate);
            Assert.Equal(DateTimeKind.Utc, loaded.CreatedAt.Kind);
            Assert.Equal("mj@example.com", Assert.Single(loaded.Emails).Address);
            Assert.Equal(t.Workspace.Id, loaded.Phones[0].WorkspaceId);
        }

        var other = new Workspace { Name = "Otra marca", Slug = "otra-" + Guid.NewGuid().ToString("N")[..6], CreatedAt = DateTime.UtcNow };
        await using (var db = t.Database.OpenAll())
        {
            db.Add(other);
            await db.SaveChangesAsync();
        }

        await using (var db = t.Database.Open(other.Id))
        {
            Assert.False(await db.Set<Contact>().AnyAsync());
            Assert.False(await db.Set<ContactEmail>().AnyAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Idempotency_key_is_unique_per_workspace(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        await using (var db = t.Open())
        {
            db.Add(new Interaction { Type = "web.page_viewed", IdempotencyKey = "k1", OccurredAt = DateTime.UtcNow, RecordedAt = DateTime.UtcNow });
            db.Add(new Interaction { Type = "web.page_viewed", OccurredAt = DateTime.UtcNow, RecordedAt = DateTime.UtcNow });
            db.Add(new Interaction { Type = "web.page_viewed", OccurredAt = DateTime.UtcNow, RecordedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using (var db = t.Open())
        {
            db.Add(new Interaction { Type = "web.page_viewed", IdempotencyKey = "k1", OccurredAt = DateTime.UtcNow, RecordedAt = DateTime.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Writing_into_another_workspace_is_refused(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        await using var db = t.Open();
        db.Add(new Contact { WorkspaceId = Guid.NewGuid(), DisplayName = "X" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Model_has_no_pending_changes_against_its_migrations(StorageProvider provider)
    {
        await using var t = await TestDatabase.CreateAsync(provider);
        await using var db = t.Open();
        Assert.False(db.Database.HasPendingModelChanges(), $"Run scripts/migrations.sh: the {provider} migrations lag the model.");
    }
}
