using Microsoft.EntityFrameworkCore;
using Vinculo.Consent;
using Vinculo.Families;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Consent;

public sealed class AgeOutTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_leap_day_child_comes_of_age_on_the_first_of_March_and_becomes_a_contact_of_its_own(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider, PrivacyHost.MexicoNoon(2026, 2, 28));
        var mother = await h.AddContactAsync("Laura", "Pérez", new DateOnly(1985, 1, 1));
        var father = await h.AddContactAsync("Jorge", "Pérez", new DateOnly(1983, 1, 1));
        var leapling = await h.AddContactAsync("Sofía", "Pérez", new DateOnly(2008, 2, 29));
        var younger = await h.AddContactAsync("Tomás", "Pérez", new DateOnly(2010, 2, 28));
        await h.LinkAsync(mother, leapling);
        await h.LinkAsync(father, leapling, GuardianRelationship.Father);
        await h.LinkAsync(mother, younger);
        var ledger = h.Get<ConsentLedger>();
        var proof = new ConsentProof("web-form", "v1", "form:1", mother.Id);
        await ledger.GrantAsync(mother.Id, ConsentChannel.Email, ConsentPurpose.Marketing, proof);
        await ledger.GrantAsync(leapling.Id, ConsentChannel.Email, ConsentPurpose.Marketing, proof);
        await ledger.GrantAsync(leapling.Id, ConsentChannel.Sms, ConsentPurpose.Surveys, proof);
        await ledger.GrantAsync(younger.Id, ConsentChannel.Email, ConsentPurpose.Marketing, proof);
        var ageOut = h.Get<AgeOutService>();

        var feb28 = await ageOut.RunAsync();
        Assert.Empty(feb28.CameOfAge);

        h.Time.Advance(TimeSpan.FromDays(1)); // 2026 is a common year: 1 March
        var mar1 = await ageOut.RunAsync();
        Assert.Equal(new DateOnly(2026, 3, 1), mar1.Today);
        Assert.Equal([leapling.Id], mar1.CameOfAge);
        Assert.Equal(2, mar1.LinksEnded);
        Assert.Equal(2, mar1.ConsentsWithdrawn);

        await using (var db = h.Db.Open())
        {
            var links = await db.Set<GuardianLink>().Where(l => l.MinorId == leapling.Id).ToListAsync();
            Assert.Equal(2, links.Count);
            Assert.All(links, l => Assert.Equal(AgeOutService.EndReason, l.EndReason));
            Assert.True(await db.Set<GuardianLink>().AnyAsync(l => l.MinorId == younger.Id && l.EndedAt == null));
            var evt = await db.Set<Interaction>().SingleAsync(i => i.Type == AgeOutService.EventType);
            Assert.Equal(leapling.Id, evt.ContactId);
            Assert.Contains("2026-03-01", evt.Properties, StringComparison.Ordinal);
        }

        var current = await ledger.CurrentAsync(leapling.Id);
        Assert.All(current, c => Assert.Equal(ConsentStatus.Withdrawn, c.Status));
        Assert.True(await ledger.IsGrantedAsync(younger.Id, ConsentChannel.Email, ConsentPurpose.Marketing));

        // Now an adult without consent of its own: nobody receives marketing for her, not the mother.
        var resolver = h.Get<RecipientResolver>();
        Assert.Empty(await resolver.ResolveAsync([leapling.Id], ConsentChannel.Email, ConsentPurpose.Marketing));
        h.Time.Advance(TimeSpan.FromHours(1));
        await ledger.GrantAsync(leapling.Id, ConsentChannel.Email, ConsentPurpose.Marketing, new ConsentProof("welcome-journey", "v2", "click:9", leapling.Id));
        Assert.Equal([new Recipient(leapling.Id, leapling.Id)], await resolver.ResolveAsync([leapling.Id], ConsentChannel.Email, ConsentPurpose.Marketing));

        var again = await ageOut.RunAsync();
        Assert.Empty(again.CameOfAge);
        await using (var db = h.Db.Open())
        {
            Assert.Equal(1, await db.Set<Interaction>().CountAsync(i => i.Type == AgeOutService.EventType));
        }
    }
}
