using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vinculo.App.Cli;
using Vinculo.Contacts;
using Vinculo.Demo;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.App.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_verb_seeds_once_and_prints_the_counts()
    {
        await using var t = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var options = new DemoOptions { People = 80, Organizations = 4, Seed = 11 };

        var first = new StringWriter();
        var summary = await DemoCommand.SeedAsync(t.Database, options, clock, first, CancellationToken.None);
        var second = new StringWriter();
        await DemoCommand.SeedAsync(t.Database, options, clock, second, CancellationToken.None);

        Assert.Matches(@"contacts\s+80\b", first.ToString());
        Assert.Contains("Demo workspace seeded", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("already exists", second.ToString(), StringComparison.Ordinal);
        await using var db = t.Database.Open(summary.WorkspaceId);
        Assert.Equal(80, await db.Set<Contact>().CountAsync());
    }
}
