using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Hygiene;
using Vinculo.Storage;
using Vinculo.Tests.Consent;
using Vinculo.Tests.Infrastructure;
using Vinculo.Timeline;

namespace Vinculo.Tests.Hygiene;

public sealed class HygieneServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_run_lists_stale_bad_channels_duplicates_and_reconfirmation_and_counts_them_on_the_timeline(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider, PrivacyHost.MexicoNoon(2024, 1, 10));
        var stale = await h.AddContactAsync("Viejo", "Silencio", new DateOnly(1970, 1, 1));
        var lively = await h.AddContactAsync("Activa", "Compras", new DateOnly(1980, 1, 1));
        var erased = await h.AddContactAsync("Borrado", "X", new DateOnly(1980, 1, 1));
        h.Time.Advance(TimeSpan.FromDays(365 * 2 + 180)); // mid 2026
        var bounced = await h.AddContactAsync("Rebote", "Correo", new DateOnly(1990, 1, 1), "rebote@example.com", "+525512340000");
        var dupA = await h.AddContactAsync("Juan", "Uno", new DateOnly(1990, 1, 1), "juan@example.com");
        var dupB = await h.AddContactAsync("Juan", "Dos", new DateOnly(1990, 1, 1), "juan@example.com", "+525511110000");
        var dupC = await h.AddContactAsync("Juana", "Tres", new DateOnly(1990, 1, 1), null, "+525511110000");
        var now = h.Time.GetUtcNow().UtcDateTime;
        await using (var db = h.Db.Open())
        {
            db.Add(new Interaction { ContactId = lively.Id, Type = "order.placed", OccurredAt = now.AddDays(-10), RecordedAt = now });
            db.Add(new Interaction { ContactId = stale.Id, Type = "email.opened", OccurredAt = now.AddMonths(-30), RecordedAt = now });
            var email = await db.Set<ContactEmail>().SingleAsync(e => e.ContactId == bounced.Id);
            email.Status = ChannelAddressStatus.HardBounced;
            var phone = await db.Set<ContactPhone>().SingleAsync(p => p.ContactId == bounced.Id);
            phone.Status = ChannelAddressStatus.Invalid;
            (await db.Set<Contact>().SingleAsync(c => c.Id == erased.Id)).Status = ContactStatus.Erased;
            await db.SaveChangesAsync();
        }

        var hygiene = h.Get<HygieneService>();
        var run = await hygiene.RunAsync();

        Assert.Equal(1, run.Counts[HygieneKind.Stale]);
        Assert.Equal(2, run.Counts[HygieneKind.BadChannel]);
        Assert.Equal(2, run.Counts[HygieneKind.DuplicateCandidate]);
        Assert.Equal(2, run.Counts[HygieneKind.Reconfirmation]); // stale and lively were last updated in 2024

        var list = await hygiene.ListAsync(null, null, false, 1, 50);
        Assert.Equal(7, list.Total);
        Assert.Equal(stale.Id, list.Items.Single(f => f.Kind == HygieneKind.Stale).ContactId);
        Assert.Equal(["email:hard_bounced", "phone:invalid"], list.Items.Where(f => f.Kind == HygieneKind.BadChannel).Select(f => f.Reason).Order());
        var dups = list.Items.Where(f => f.Kind == HygieneKind.DuplicateCandidate).ToList();
        Assert.Contains(dups, f => f.Reason == "same_email" && new[] { f.ContactId, f.OtherContactId!.Value }.Order().SequenceEqual(new[] { dupA.Id, dupB.Id }.Order()));
        Assert.Contains(dups, f => f.Reason == "same_phone" && new[] { f.ContactId, f.OtherContactId!.Value }.Order().SequenceEqual(new[] { dupB.Id, dupC.Id }.Order()));
        Assert.DoesNotContain(list.Items, f => f.ContactId == erased.Id);
        Assert.Equal(new[] { stale.Id, lively.Id }.Order(), list.Items.Where(f => f.Kind == HygieneKind.Reconfirmation).Select(f => f.ContactId).Order());

        await using (var db = h.Db.Open())
        {
            var evt = await db.Set<Interaction>().SingleAsync(i => i.Type == HygieneService.CompletedEventType);
            Assert.Null(evt.ContactId);
            Assert.Contains("\"duplicateCandidates\":2", evt.Properties.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        await hygiene.ReviewAsync(dups[0].Id, "kept");
        Assert.Equal(6, (await hygiene.ListAsync(run.RunId, null, true, 1, 50)).Total);

        // The person confirms their data: off next year's list.
        await using (var db = h.Db.Open())
        {
            db.Add(new Interaction { ContactId = lively.Id, Type = HygieneService.DataConfirmedEventType, OccurredAt = now, RecordedAt = now });
            await db.SaveChangesAsync();
        }

        h.Time.Advance(TimeSpan.FromDays(1));
        var second = await hygiene.RunAsync();
        Assert.Equal(1, second.Counts[HygieneKind.Reconfirmation]);
        Assert.Equal(second.RunId, await hygiene.LatestRunIdAsync());
    }
}
