using Microsoft.EntityFrameworkCore;
using Vinculo.Audit;
using Vinculo.Storage;
using Vinculo.Tests.Consent;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Audit;

public sealed class AuditLogTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_hash_chain_finds_a_changed_a_removed_and_a_forged_row(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var log = h.Get<AuditLog>();
        h.Get<AuditActor>().Name = "maria@marca.mx";
        var contact = Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            await log.RecordAsync("contact.read", contact, "Contact", contact, new { page = i });
            h.Time.Advance(TimeSpan.FromTicks(12_345)); // sub-microsecond parts must not break the hash on PostgreSQL
        }

        var ok = await log.VerifyAsync();
        Assert.True(ok.Intact, ok.Reason);
        Assert.Equal(5, ok.RowsChecked);

        await using (var db = h.Db.Open())
        {
            Assert.Equal("maria@marca.mx", (await db.Set<AuditEntry>().FirstAsync()).Actor);
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'someone-else' WHERE sequence = 3");
        }

        var changed = await log.VerifyAsync();
        Assert.False(changed.Intact);
        Assert.Equal(3, changed.BrokenAtSequence);

        await using (var db = h.Db.Open())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'maria@marca.mx' WHERE sequence = 3");
            Assert.True((await log.VerifyAsync()).Intact);
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET details = '{{\"page\":99}}' WHERE sequence = 2");
        }

        var details = await log.VerifyAsync();
        Assert.Equal(2, details.BrokenAtSequence);
        Assert.Contains("details", details.Reason, StringComparison.Ordinal);

        await using (var db = h.Db.Open())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET details = '{{\"page\":1}}' WHERE sequence = 2");
            Assert.True((await log.VerifyAsync()).Intact);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE sequence = 4");
        }

        var removed = await log.VerifyAsync();
        Assert.Equal(5, removed.BrokenAtSequence);

        await using (var db = h.Db.Open())
        {
            // A forger who renumbers the rows still cannot fix the hashes without redoing the chain.
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET sequence = 4 WHERE sequence = 5");
        }

        Assert.Equal(4, (await log.VerifyAsync()).BrokenAtSequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_writers_keep_one_unbroken_chain(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var log = h.Get<AuditLog>();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => log.RecordAsync("contact.updated", details: new { i })));
        var result = await log.VerifyAsync();
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(12, result.RowsChecked);
        var page = await log.ListAsync(null, 1, 5);
        Assert.Equal(12, page.Total);
        Assert.Equal(12, page.Items[0].Sequence);
    }
}
