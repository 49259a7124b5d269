using Microsoft.EntityFrameworkCore;
using Vinculo.Consent;
using Vinculo.Contacts;
using Vinculo.Privacy;
using Vinculo.Segments;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Segments;

/// <summary>
/// Event-driven refresh end to end: a real write signals, the signals mark dependent segments dirty
/// (as the refresh worker does) and a refresh brings membership up to date; a repeated write signals nothing.
/// </summary>
public sealed class SegmentSignalTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Consent_grant_and_withdrawal_mark_consent_segments_and_repeats_do_not(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var signals = core.Get<SegmentSignals>();
        var ledger = core.Get<ConsentLedger>();
        var ana = await core.Get<ContactService>().CreateAsync(new ContactInput { GivenNames = "Ana", Tags = ["vip"] });
        var optedIn = await CreateCleanAsync(core, "Email marketing", new ConsentCondition("email", "marketing"));
        var vip = await CreateCleanAsync(core, "VIP", new TagCondition(["vip"]));

        await ledger.GrantAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Marketing, new ConsentProof("web-form"));
        Assert.Equal(SegmentDependency.Consent, await ApplySignalsAsync(core));
        Assert.Equal(new[] { optedIn }, await DirtyAsync(core));
        Assert.DoesNotContain(vip, await DirtyAsync(core));
        Assert.Equal((1, 0, 1), await RefreshAsync(core, optedIn));

        // Granted again: a new ledger entry, but the current state is the same, so no segment is touched.
        await ledger.GrantAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Marketing, new ConsentProof("web-form"));
        Assert.Empty(signals.Drain());

        await ledger.WithdrawAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Marketing, "unsubscribe-link");
        Assert.Equal(SegmentDependency.Consent, await ApplySignalsAsync(core));
        Assert.Equal(new[] { optedIn }, await DirtyAsync(core));
        Assert.Equal((0, 1, 0), await RefreshAsync(core, optedIn));

        await ledger.WithdrawAsync(ana.Id, ConsentChannel.Email, ConsentPurpose.Marketing, "unsubscribe-link");
        Assert.Empty(signals.Drain());
        Assert.Empty(await DirtyAsync(core));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_changes_mark_the_segments_they_affect_and_repeats_do_not(StorageProvider provider)
    {
        await using var core = await CoreServices.CreateAsync(provider);
        var signals = core.Get<SegmentSignals>();
        var contacts = core.Get<ContactService>();
        var privacy = core.Get<PrivacyService>();
        var vip = await CreateCleanAsync(core, "VIP", new TagCondition(["vip"]));
        var named = await CreateCleanAsync(core, "Called Beto", new AttributeCondition("given_names", TextOperator.Eq, "Beto"));
        var neverClicked = await CreateCleanAsync(core, "Never clicked", new Not(new EventCondition("email.clicked")));

        // A new contact can enter any segment (here all three, one of them only through a NOT).
        var input = new ContactInput { GivenNames = "Beto", Tags = ["vip"] };
        var beto = await contacts.CreateAsync(input);
        Assert.True((await ApplySignalsAsync(core)).HasFlag(SegmentDependency.ActiveContacts));
        Assert.Equal(new[] { vip, named, neverClicked }.Order(), await DirtyAsync(core));
        foreach (var id in new[] { vip, named, neverClicked })
        {
            Assert.Equal((1, 0, 1), await RefreshAsync(core, id));
        }

        // The same values again: only the UpdatedAt stamp would move, which no segment reads.
        await contacts.UpdateAsync(beto.Id, input);
        Assert.Empty(signals.Drain());

        // Losing the tag touches the tag segment only.
        await contacts.UpdateAsync(beto.Id, input with { Tags = [] });
        Assert.Equal(SegmentDependency.Tags, await ApplySignalsAsync(core));
        Assert.Equal(new[] { vip }, await DirtyAsync(core));
        Assert.Equal((0, 1, 0), await RefreshAsync(core, vip));

        // Renaming touches segments reading attributes, not the event-only one.
        await contacts.UpdateAsync(beto.Id, input with { GivenNames = "Alberto", Tags = [] });
        Assert.Equal(SegmentDependency.Contacts, await ApplySignalsAsync(core));
        Assert.Equal(new[] { named }, await DirtyAsync(core));
        Assert.Equal((0, 1, 0), await RefreshAsync(core, named));

        // Blocking removes the contact from every segment, including one that reads no contact field.
        await privacy.BlockAsync(beto.Id, "asked by phone");
        Assert.True((await ApplySignalsAsync(core)).HasFlag(SegmentDependency.ActiveContacts));
        Assert.Contains(neverClicked, await DirtyAsync(core));
        Assert.Equal((0, 1, 0), await RefreshAsync(core, neverClicked));
        await core.Get<SegmentRefresher>().RefreshDueAsync(TimeSpan.FromDays(1));

        await privacy.BlockAsync(beto.Id, "asked again");
        Assert.Empty(signals.Drain());

        await privacy.EraseAsync(beto.Id);
        Assert.True((await ApplySignalsAsync(core)).HasFlag(SegmentDependency.ActiveContacts));
        await privacy.EraseAsync(beto.Id);
        Assert.Empty(signals.Drain());
    }

    private static async Task<Guid> CreateCleanAsync(CoreServices core, string name, Condition root)
    {
        var segment = await core.Get<SegmentService>().CreateAsync(new SegmentInput(name, null, new SegmentDefinition { Root = root }));
        await core.Get<SegmentRefresher>().RefreshAsync(segment.Id);
        core.Get<SegmentSignals>().Drain();
        return segment.Id;
    }

    /// <summary>What the refresh worker does with pending signals; returns the kinds signalled for this workspace.</summary>
    private static async Task<SegmentDependency> ApplySignalsAsync(CoreServices core)
    {
        var (workspaceId, kinds) = Assert.Single(core.Get<SegmentSignals>().Drain());
        Assert.Equal(core.Database.Workspace.Id, workspaceId);
        await core.Get<SegmentRefresher>().MarkDirtyAsync(kinds);
        return kinds;
    }

    private static async Task<List<Guid>> DirtyAsync(CoreServices core)
    {
        await using var db = core.Open();
        var dirty = await db.Set<Segment>().Where(s => s.IsDirty).Select(s => s.Id).ToListAsync();
        return [.. dirty.Order()];
    }

    private static async Task<(int Entered, int Exited, int Members)> RefreshAsync(CoreServices core, Guid segmentId)
    {
        var result = await core.Get<SegmentRefresher>().RefreshAsync(segmentId);
        return (result.Entered, result.Exited, result.Members);
    }
}
