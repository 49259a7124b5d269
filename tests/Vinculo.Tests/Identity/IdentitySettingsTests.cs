using Microsoft.EntityFrameworkCore;
using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Ingestion.Identity;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Identity;

/// <summary>A workspace's saved survivorship policy decides what its merges keep.</summary>
public sealed class IdentitySettingsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Merges_follow_the_workspace_policy_once_an_admin_saves_one(StorageProvider provider)
    {
        await using var s = await CoreServices.CreateAsync(provider);
        var now = s.Time.GetUtcNow().UtcDateTime;
        Contact Person(string given, string paternal, int daysAgo) => new()
        {
            GivenNames = given,
            PaternalSurname = paternal,
            DisplayName = Contact.ComposeDisplayName(given, paternal, null),
            CreatedAt = now.AddDays(-daysAgo),
            UpdatedAt = now.AddDays(-daysAgo),
            Source = daysAgo > 5 ? "pos" : "ecommerce",
        };
        var (old1, new1, old2, new2) = (Person("Ana", "Ruiz", 10), Person("Anabel", "Ruiz", 1), Person("Luz", "Mora", 10), Person("Luz María", "Mora", 1));
        await using (var db = s.Open())
        {
            db.AddRange(old1, new1, old2, new2);
            await db.SaveChangesAsync();
        }

        var settings = s.Get<IdentitySettingsService>();
        var merges = s.Get<ContactMergeService>();
        Assert.Equal(SurvivorshipRule.MostRecent, (await settings.GetAsync()).Default);

        // Configured default (most recent): the newer record's name wins.
        await merges.MergeAsync(new MergeRequest(old1.Id, new1.Id));

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => settings.SaveAsync(new SurvivorshipPolicy { Fields = { ["shoeSize"] = SurvivorshipRule.Longest } }));
        Assert.Equal("fields.shoeSize", Assert.Single(invalid.Errors).Field);

        await settings.SaveAsync(new SurvivorshipPolicy
        {
            Default = SurvivorshipRule.MostRecent,
            Fields = { ["givenNames"] = SurvivorshipRule.SourcePriority },
            SourcePriority = ["pos", " ecommerce ", ""],
        }, "admin@vinculo.test");
        var saved = await settings.GetAsync();
        Assert.Equal(SurvivorshipRule.SourcePriority, saved.RuleFor("GivenNames"));
        Assert.Equal(["pos", "ecommerce"], saved.SourcePriority);

        // The point-of-sale record is trusted first now: its name stays.
        await merges.MergeAsync(new MergeRequest(old2.Id, new2.Id));

        await using var check = s.Open();
        Assert.Equal("Anabel", (await check.Set<Contact>().SingleAsync(c => c.Id == old1.Id)).GivenNames);
        Assert.Equal("Luz", (await check.Set<Contact>().SingleAsync(c => c.Id == old2.Id)).GivenNames);
        Assert.Equal("admin@vinculo.test", (await check.Set<IdentitySettings>().SingleAsync()).UpdatedBy);
    }
}
