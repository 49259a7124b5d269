using Microsoft.EntityFrameworkCore;
using Vinculo.Contacts;
using Vinculo.Ingestion.Identity;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Identity;

/// <summary>Duplicate detection as a durable job: queued, claimed, run with progress, taken over after a crash.</summary>
public sealed class DetectionJobTests
{
    private static Contact Person(string given, string paternal, string? maternal, DateOnly? birth, DateTime created, string? email = null) => new()
    {
        GivenNames = given,
        PaternalSurname = paternal,
        MaternalSurname = maternal,
        DisplayName = Contact.ComposeDisplayName(given, paternal, maternal),
        BirthDate = birth,
        CreatedAt = created,
        UpdatedAt = created,
        Emails = email is null ? [] : [new ContactEmail { Address = email, IsPrimary = true }],
        Addresses = [new PostalAddress { Street = "Av. Insurgentes Sur", ExteriorNumber = "1200", City = "Benito Juárez", PostalCode = "03100", IsPrimary = true }],
    };

    /// <summary>Two pairs sharing an email (auto-merged), a typo pair (review) and a stranger.</summary>
    private static async Task<(Contact First, Contact Second)> SeedAsync(CoreServices s)
    {
        var now = s.Time.GetUtcNow().UtcDateTime;
        var first = Person("Ana", "Ruiz", null, null, now.AddDays(-30), "ana.ruiz@example.com");
        var second = Person("Anita", "Ruíz", "Soto", new DateOnly(1990, 5, 1), now.AddDays(-1), "Ana.Ruiz@example.com");
        var third = Person("Pedro", "Gómez", null, null, now.AddDays(-20), "pedro.gomez@example.com");
        var fourth = Person("Pedro", "Gomez", "Luna", null, now.AddDays(-2), "PEDRO.GOMEZ@example.com");
        var original = Person("María José", "Hernández", "López", new DateOnly(1985, 3, 12), now.AddDays(-100));
        var typo = Person("MARIA JOSE", "Lopez", "Hernandes", new DateOnly(1985, 3, 12), now.AddDays(-3));
        var stranger = Person("Luis", "García", "Pérez", new DateOnly(1970, 1, 2), now.AddDays(-20), "luis@example.com");
        await using var db = s.Open();
        db.AddRange(first, second, third, fourth, original, typo, stranger);
        await db.SaveChangesAsync();
        return (first, second);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_queued_job_runs_to_completion_with_progress_and_counts_its_automatic_merges(StorageProvider provider)
    {
        await using var s = await CoreServices.CreateAsync(provider);
        var (first, second) = await SeedAsync(s);
        var jobs = s.Get<DetectionJobService>();
        var queue = s.Get<DetectionJobQueue>();

        var queued = await jobs.StartAsync(autoMerge: true, "ana@vinculo.test");
        Assert.Equal(DetectionJobStatus.Queued, queued.Status);
        // A second request while one is queued gets the same job, not a second run over the same keys.
        Assert.Equal(queued.JobId, (await jobs.StartAsync(autoMerge: true)).JobId);

        var claimed = await queue.ClaimNextAsync("worker-1");
        Assert.Equal((queued.JobId, s.Database.Workspace.Id), claimed);
        Assert.Null(await queue.ClaimNextAsync("worker-2"));

        var done = await jobs.RunAsync(queued.JobId, "worker-1");

        Assert.Equal(DetectionJobStatus.Succeeded, done.Status);
        Assert.Null(done.Error);
        Assert.Equal(1.0, done.Progress);
        Assert.Equal("done", done.Phase);
        Assert.Equal(7, done.ContactsKeyed);
        Assert.True(done.CandidatePairs >= 3, $"{done.CandidatePairs} pairs");
        Assert.True(done.NewCandidates >= 3, $"{done.NewCandidates} new candidates");
        Assert.True(done.AutoMerged >= 2, $"{done.AutoMerged} merged");
        Assert.Equal(1, done.Attempts);
        Assert.NotNull(done.FinishedAt);
        await using (var db = s.Open())
        {
            // The count is what the job did: one merge row and one merged contact for each.
            Assert.Equal(done.AutoMerged, await db.Set<Contact>().CountAsync(c => c.Status == ContactStatus.Merged));
            Assert.Equal(done.AutoMerged, await db.Set<ContactMerge>().CountAsync(m => m.Automatic));
            Assert.Equal(done.AutoMerged, await db.Set<DuplicateCandidate>().CountAsync(c => c.Status == CandidateStatus.Merged));
            Assert.Equal(first.Id, (await db.Set<Contact>().SingleAsync(c => c.Id == second.Id)).MergedIntoId);
            Assert.Equal(ContactStatus.Active, (await db.Set<Contact>().SingleAsync(c => c.GivenNames == "Luis")).Status);
        }

        // Finished: a new request queues a new job.
        Assert.NotEqual(queued.JobId, (await jobs.StartAsync(autoMerge: false)).JobId);
        Assert.Equal(2, (await jobs.ListAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_job_left_by_a_crashed_worker_is_taken_over_once_its_heartbeat_is_stale(StorageProvider provider)
    {
        await using var s = await CoreServices.CreateAsync(provider);
        await SeedAsync(s);
        var jobs = s.Get<DetectionJobService>();
        var queue = s.Get<DetectionJobQueue>();
        var job = await jobs.StartAsync(autoMerge: true);
        Assert.NotNull(await queue.ClaimNextAsync("worker-1"));

        // worker-1 dies in the middle of the compare phase: its run stops, the job stays "running".
        using (var crash = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => jobs.RunAsync(
                job.JobId,
                "worker-1",
                async (p, _) =>
                {
                    if (p.Phase == "compare" && p.CandidatePairs > 0)
                    {
                        await crash.CancelAsync();
                    }
                },
                crash.Token));
        }

        var left = await jobs.GetAsync(job.JobId);
        Assert.Equal(DetectionJobStatus.Running, left.Status);
        Assert.Equal("compare", left.Phase);
        Assert.True(left.Progress is > 0 and < 1, $"progress {left.Progress}");

        // While the heartbeat is fresh nobody else takes it, and a new request gets the live job.
        Assert.Null(await queue.ClaimNextAsync("worker-2"));
        Assert.Equal(job.JobId, (await jobs.StartAsync(autoMerge: true)).JobId);
        s.Time.Advance(queue.StaleAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(job.JobId, (await queue.ClaimNextAsync("worker-2"))?.JobId);

        // The crashed worker cannot write to it any more; worker-2 finishes it.
        await Assert.ThrowsAsync<Vinculo.Common.ConflictException>(() => jobs.RunAsync(job.JobId, "worker-1"));
        var done = await jobs.RunAsync(job.JobId, "worker-2");
        Assert.Equal(DetectionJobStatus.Succeeded, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.True(done.AutoMerged >= 2, $"{done.AutoMerged} merged");
        await using var db = s.Open();
        Assert.Equal(done.AutoMerged, await db.Set<Contact>().CountAsync(c => c.Status == ContactStatus.Merged));
    }
}
