using Vinculo.Common;
using Vinculo.Consent;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Consent;

public sealed class ConsentLedgerTests
{
    private static readonly ConsentProof WebForm = new("web-form", "aviso-2026-01", "form:123");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Current_state_is_the_latest_entry_and_withdrawal_is_one_call_like_granting(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var ana = await h.AddContactAsync("Ana", "Ruiz", new DateOnly(1990, 5, 1));
        var ledger = h.Get<ConsentLedger>();

        await ledger.GrantAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Marketing, WebForm);
        await ledger.GrantAsync(ana.Id, ConsentChannel.Sms, ConsentPurpose.Marketing, WebForm);
        Assert.True(await ledger.IsGrantedAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Marketing));

        h.Time.Advance(TimeSpan.FromMinutes(1));
        await ledger.WithdrawAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Marketing, "one-click", "no longer interested");

        var current = await ledger.CurrentAsync(ana.Id);
        Assert.Equal(2, current.Count);
        Assert.Equal(ConsentStatus.Withdrawn, current.Single(c => c.Channel == ConsentChannel.Email).Status);
        Assert.Equal(ConsentStatus.Granted, current.Single(c => c.Channel == ConsentChannel.Sms).Status);
        Assert.False(await ledger.IsGrantedAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Marketing));

        var history = await ledger.HistoryAsync(ana.Id);
        Assert.Equal(3, history.Count);
        Assert.Equal(ConsentStatus.Withdrawn, history[0].Status);
        Assert.Equal("aviso-2026-01", history[^1].NoticeVersion);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_backdated_grant_does_not_override_a_later_withdrawal_and_ties_go_to_the_most_restrictive(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var ana = await h.AddContactAsync("Ana", "Ruiz", new DateOnly(1990, 5, 1));
        var ledger = h.Get<ConsentLedger>();
        var now = h.Time.GetUtcNow().UtcDateTime;

        await ledger.WithdrawAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Surveys, "api");
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await ledger.GrantAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Surveys, WebForm with { OccurredAt = now.AddDays(-30) });
        Assert.False(await ledger.IsGrantedAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Surveys));

        // Same instant, written together: the withdrawal wins.
        await ledger.RecordAsync(
        [
            new ConsentChange(ana.Id, ConsentChannel.Push, ConsentPurpose.Marketing, ConsentStatus.Granted, "app", OccurredAt: now),
            new ConsentChange(ana.Id, ConsentChannel.Push, ConsentPurpose.Marketing, ConsentStatus.Withdrawn, "app", OccurredAt: now),
        ]);
        Assert.False(await ledger.IsGrantedAsync(ana.Id, ConsentChannel.Push, ConsentPurpose.Marketing));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_child_s_consent_must_come_from_an_active_guardian_with_evidence_under_the_child_privacy_age(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var mother = await h.AddContactAsync("Laura", "Pérez", new DateOnly(1985, 1, 1));
        var stranger = await h.AddContactAsync("Otro", "Adulto", new DateOnly(1980, 1, 1));
        var child = await h.AddContactAsync("Sofía", "Pérez", new DateOnly(2016, 3, 3));
        await h.LinkAsync(mother, child);
        var ledger = h.Get<ConsentLedger>();

        var self = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ledger.GrantAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing, new ConsentProof("web-form", Evidence: "x")));
        Assert.Contains(self.Errors, e => e.Field == "givenByContactId");
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ledger.GrantAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing, new ConsentProof("web-form", Evidence: "x", GivenByContactId: stranger.Id)));
        var noEvidence = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ledger.GrantAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing, new ConsentProof("web-form", GivenByContactId: mother.Id)));
        Assert.Contains(noEvidence.Errors, e => e.Field == "evidence");

        await ledger.GrantAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing, new ConsentProof("web-form", "v1", "signed:77", mother.Id));
        Assert.True(await ledger.IsGrantedAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing));
        // Withdrawal is never refused for who asks.
        await ledger.WithdrawAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing, "one-click");
        Assert.False(await ledger.IsGrantedAsync(child.Id, ConsentChannel.Email, ConsentPurpose.Marketing));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_contact_is_not_found_and_bad_input_names_the_field(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var ledger = h.Get<ConsentLedger>();
        await Assert.ThrowsAsync<NotFoundException>(() => ledger.GrantAsync(Guid.NewGuid(), ConsentChannel.Email, ConsentPurpose.Marketing, WebForm));
        var ana = await h.AddContactAsync("Ana", "Ruiz", new DateOnly(1990, 5, 1));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => ledger.GrantAsync(ana.Id, (ConsentChannel)42, ConsentPurpose.Marketing, new ConsentProof(" ")));
        Assert.Contains(e.Errors, x => x.Field == "channel");
        Assert.Contains(e.Errors, x => x.Field == "source");
        Assert.Throws<ValidationFailedException>(() => ConsentNames.ParseChannel("fax"));
        Assert.Equal(ConsentChannel.WhatsApp, ConsentNames.ParseChannel("WhatsApp"));
    }
}
