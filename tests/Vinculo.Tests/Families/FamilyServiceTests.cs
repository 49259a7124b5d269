using Vinculo.Common;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Families;

public sealed class FamilyServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_child_has_several_guardians_and_an_adult_several_children(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var contacts = core.Get<ContactService>();
        var families = core.Get<FamilyService>();
        var mother = await contacts.CreateAsync(new ContactInput { GivenNames = "Laura", BirthDate = new DateOnly(1985, 3, 2) });
        var father = await contacts.CreateAsync(new ContactInput { GivenNames = "Pedro", BirthDate = null });
        var son = await contacts.CreateAsync(new ContactInput { GivenNames = "Diego", BirthDate = new DateOnly(2015, 7, 1) });
        var daughter = await contacts.CreateAsync(new ContactInput { GivenNames = "Sofía", BirthDate = new DateOnly(2012, 1, 20) });

        await families.LinkAsync(new GuardianLinkInput(mother.Id, son.Id, GuardianRelationship.Mother));
        await families.LinkAsync(new GuardianLinkInput(father.Id, son.Id, GuardianRelationship.Father));
        var again = await families.LinkAsync(new GuardianLinkInput(mother.Id, daughter.Id, GuardianRelationship.Mother));
        var repeat = await families.LinkAsync(new GuardianLinkInput(mother.Id, daughter.Id, GuardianRelationship.Mother));
        Assert.Equal(again.LinkId, repeat.LinkId);
        await Assert.ThrowsAsync<ConflictException>(() => families.LinkAsync(new GuardianLinkInput(mother.Id, daughter.Id, GuardianRelationship.LegalGuardian)));

        var guardians = await families.GetGuardiansAsync(son.Id);
        Assert.Equal(["Laura", "Pedro"], guardians.Select(g => g.DisplayName));
        var children = await families.GetChildrenAsync(mother.Id);
        Assert.Equal(["Diego", "Sofía"], children.Select(c => c.DisplayName));
        Assert.All(children, c => Assert.True(c.IsMinor));
        Assert.Equal(11, children[0].Age);

        await families.EndLinkAsync(guardians[1].LinkId, "revoked");
        Assert.Single(await families.GetGuardiansAsync(son.Id));
        Assert.Equal(2, (await families.GetGuardiansAsync(son.Id, includeEnded: true)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_guardian_must_be_of_age_and_the_child_a_minor_on_the_workspace_local_day(StorageProvider provider)
    {
        // 17 Aug 2026, 03:00 UTC is still 16 Aug in Mexico City: a child born 17 Aug 2008 is 17 there.
        await using var core = await CoreServices.CreateAsync(provider, new DateTimeOffset(2026, 8, 17, 3, 0, 0, TimeSpan.Zero));
        var contacts = core.Get<ContactService>();
        var families = core.Get<FamilyService>();
        var adult = await contacts.CreateAsync(new ContactInput { GivenNames = "Carmen", BirthDate = new DateOnly(1980, 1, 1) });
        var teen = await contacts.CreateAsync(new ContactInput { GivenNames = "Luis", BirthDate = new DateOnly(2008, 8, 17) });
        var baby = await contacts.CreateAsync(new ContactInput { GivenNames = "Eva", BirthDate = new DateOnly(2025, 1, 1) });
        var unknownAge = await contacts.CreateAsync(new ContactInput { GivenNames = "Nadie" });

        Assert.True(await families.IsMinorAsync(teen.Id));
        var teenAsGuardian = await Assert.ThrowsAsync<ValidationFailedException>(() => families.LinkAsync(new GuardianLinkInput(teen.Id, baby.Id, GuardianRelationship.OtherResponsibleAdult)));
        Assert.Equal("guardianId", Assert.Single(teenAsGuardian.Errors).Field);
        var noBirthDate = await Assert.ThrowsAsync<ValidationFailedException>(() => families.LinkAsync(new GuardianLinkInput(adult.Id, unknownAge.Id, GuardianRelationship.Mother)));
        Assert.Equal("minorId", Assert.Single(noBirthDate.Errors).Field);

        await families.LinkAsync(new GuardianLinkInput(adult.Id, teen.Id, GuardianRelationship.LegalGuardian));

        // Local midnight passes: the teen turns 18, stops being a minor and can no longer be linked as one.
        core.Time.Advance(TimeSpan.FromHours(4));
        Assert.False(await families.IsMinorAsync(teen.Id));
        Assert.False(Assert.Single(await families.GetChildrenAsync(adult.Id)).IsMinor);
        var adultChild = await Assert.ThrowsAsync<ValidationFailedException>(() => families.LinkAsync(new GuardianLinkInput(adult.Id, teen.Id, GuardianRelationship.Father)));
        Assert.Contains(adultChild.Errors, e => e.Field == "minorId");
    }
}
