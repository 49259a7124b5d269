using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Consent;

public sealed class RecipientResolverTests
{
    private static readonly ConsentProof Form = new("web-form", "v1", "form:1");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Minors_are_routed_to_each_guardian_with_consent_and_adults_to_themselves(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var mother = await h.AddContactAsync("Laura", "Pérez", new DateOnly(1985, 1, 1));
        var father = await h.AddContactAsync("Jorge", "Pérez", new DateOnly(1983, 1, 1));
        var child = await h.AddContactAsync("Sofía", "Pérez", new DateOnly(2015, 3, 3));
        var lonelyChild = await h.AddContactAsync("Diego", "Soto", new DateOnly(2012, 7, 7));
        var unconsentingAunt = await h.AddContactAsync("Marta", "Soto", new DateOnly(1979, 1, 1));
        var adult = await h.AddContactAsync("Ana", "Ruiz", new DateOnly(1990, 5, 1));
        var silentAdult = await h.AddContactAsync("Luis", "Gómez", new DateOnly(1991, 5, 1));
        var blockedAdult = await h.AddContactAsync("Rosa", "Lima", new DateOnly(1992, 5, 1));
        await h.LinkAsync(mother, child);
        await h.LinkAsync(father, child, Vinculo.Families.GuardianRelationship.Father);
        await h.LinkAsync(unconsentingAunt, lonelyChild, Vinculo.Families.GuardianRelationship.OtherResponsibleAdult);

        var ledger = h.Get<ConsentLedger>();
        await ledger.GrantAsync(mother.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form);
        await ledger.GrantAsync(father.Id, ConsentChannel.Sms, ConsentPurpose.Marketing, Form);
        await ledger.DenyAsync(unconsentingAunt.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form);
        await ledger.GrantAsync(adult.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form);
        await ledger.GrantAsync(blockedAdult.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form);
        // Consent on the child's own ledger never makes the child a recipient.
        await ledger.GrantAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form with { GivenByContactId = mother.Id });
        await using (var db = h.Db.Open())
        {
            var b = await db.Set<Contact>().FindAsync(blockedAdult.Id);
            b!.Status = ContactStatus.Blocked;
            await db.SaveChangesAsync();
        }

        var resolver = h.Get<RecipientResolver>();
        Guid[] all = [child.Id, lonelyChild.Id, adult.Id, silentAdult.Id, blockedAdult.Id];
        var email = await resolver.ResolveAsync(all, ConsentChannel.Email, ConsentPurpose.Marketing);
        Assert.Equal(
            new[] { new Recipient(mother.Id, child.Id), new Recipient(adult.Id, adult.Id) }.OrderBy(r => r.ContactId),
            email.OrderBy(r => r.ContactId));

        var sms = await resolver.ResolveAsync(all, ConsentChannel.Sms, ConsentPurpose.Marketing);
        var viaFather = Assert.Single(sms);
        Assert.Equal(new Recipient(father.Id, child.Id), viaFather);
        Assert.True(viaFather.IsGuardian);

        Assert.Empty(await resolver.ResolveAsync([lonelyChild.Id], ConsentChannel.Email, ConsentPurpose.Marketing));
        Assert.Empty(await resolver.ResolveAsync([child.Id], ConsentChannel.WhatsApp, ConsentPurpose.Marketing));

        // The same rules over a query (a segment) instead of a list of ids.
        var fromQuery = await resolver.ResolveAsync(db => db.Set<Contact>().Select(c => c.Id), ConsentChannel.Email, ConsentPurpose.Marketing);
        Assert.Equal(email.Append(new Recipient(mother.Id, mother.Id)).OrderBy(r => r.ContactId).ThenBy(r => r.SubjectContactId), fromQuery.OrderBy(r => r.ContactId).ThenBy(r => r.SubjectContactId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Profiling_a_minor_needs_a_guardian_s_profiling_consent_on_the_child(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var mother = await h.AddContactAsync("Laura", "Pérez", new DateOnly(1985, 1, 1));
        var child = await h.AddContactAsync("Sofía", "Pérez", new DateOnly(2015, 3, 3));
        var adult = await h.AddContactAsync("Ana", "Ruiz", new DateOnly(1990, 5, 1));
        await h.LinkAsync(mother, child);
        var ledger = h.Get<ConsentLedger>();
        var resolver = h.Get<RecipientResolver>();
        await ledger.GrantAsync(mother.Id, ConsentChannel.Email, ConsentPurpose.Profiling, Form);
        await ledger.GrantAsync(adult.Id, ConsentChannel.Email, ConsentPurpose.Profiling, Form);

        Assert.Empty(await resolver.ResolveAsync([child.Id], ConsentChannel.Email, ConsentPurpose.Profiling));
        Assert.Equal([adult.Id], await resolver.ProfilingAllowedAsync([child.Id, adult.Id]));

        await ledger.GrantAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Profiling, Form with { GivenByContactId = mother.Id });
        Assert.Equal([new Recipient(mother.Id, child.Id)], await resolver.ResolveAsync([child.Id], ConsentChannel.Email, ConsentPurpose.Profiling));
        Assert.Equal(2, (await resolver.ProfilingAllowedAsync([child.Id, adult.Id])).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_age_of_majority_is_the_workspace_s(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider, PrivacyHost.MexicoNoon(2026, 6, 15));
        var mother = await h.AddContactAsync("Laura", "Pérez", new DateOnly(1985, 1, 1));
        var teen = await h.AddContactAsync("Iván", "Pérez", new DateOnly(2007, 1, 1)); // 19
        await h.LinkAsync(mother, teen);
        var ledger = h.Get<ConsentLedger>();
        await ledger.GrantAsync(mother.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form);
        await ledger.GrantAsync(teen.Id, ConsentChannel.Email, ConsentPurpose.Marketing, Form);
        var resolver = h.Get<RecipientResolver>();
        Assert.Equal([new Recipient(teen.Id, teen.Id)], await resolver.ResolveAsync([teen.Id], ConsentChannel.Email, ConsentPurpose.Marketing));

        await using (var db = h.Db.Database.OpenAll())
        {
            var ws = await db.Set<Vinculo.Workspaces.Workspace>().FindAsync(h.Db.Workspace.Id);
            ws!.AgeOfMajority = 21;
            await db.SaveChangesAsync();
        }

        Assert.Equal([new Recipient(mother.Id, teen.Id)], await resolver.ResolveAsync([teen.Id], ConsentChannel.Email, ConsentPurpose.Marketing));
    }

    [Fact]
    public void Country_defaults_follow_gdpr_article_8_and_coppa()
    {
        var mx = new Vinculo.Workspaces.Workspace { Name = "a", Slug = "a", CountryCode = "MX" };
        var de = new Vinculo.Workspaces.Workspace { Name = "b", Slug = "b", CountryCode = "DE" };
        var es = new Vinculo.Workspaces.Workspace { Name = "c", Slug = "c", CountryCode = "ES" };
        var us = new Vinculo.Workspaces.Workspace { Name = "d", Slug = "d", CountryCode = "US" };
        foreach (var w in new[] { mx, de, es, us })
        {
            AgeRules.ApplyCountryDefaults(w);
        }

        Assert.Null(mx.DigitalConsentAge);
        Assert.Equal(16, de.DigitalConsentAge);
        Assert.Equal(14, es.DigitalConsentAge);
        Assert.Equal(13, us.DigitalConsentAge);
        Assert.Equal(13, us.ChildPrivacyAge);
    }
}
