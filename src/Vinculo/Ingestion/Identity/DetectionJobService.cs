using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Vinculo.Common;
using Vinculo.Storage;

namespace Vinculo.Ingestion.Identity;

/// <summary>
/// Duplicate detection as a durable background job: <see cref="StartAsync"/> queues a run (or returns
/// the workspace's live one), a worker claims it through <see cref="DetectionJobQueue"/> and calls
/// <see cref="RunAsync"/>, which writes phase, progress, figures and heartbeat as it goes.
/// </summary>
public sealed class DetectionJobService(
    IDbContextFactory<VinculoDbContext> factory,
    DuplicateDetectionService detection,
    DetectionJobQueue queue,
    TimeProvider clock)
{
    /// <summary>Queues a run; while one is queued or running in the workspace, that one is returned instead.</summary>
    public async Task<DetectionJobView> StartAsync(bool autoMerge, string? requestedBy = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - queue.StaleAfter;
        await using var db = await factory.CreateDbContextAsync(ct);
        var live = await db.Set<DetectionJob>().AsNoTracking()
            .Where(j => j.Status == DetectionJobStatus.Queued || (j.Status == DetectionJobStatus.Running && j.HeartbeatAt >= staleBefore))
            .OrderByDescending(j => j.CreatedAt).FirstOrDefaultAsync(ct);
        if (live is not null)
        {
            return DetectionJobView.From(live);
        }

        var job = new DetectionJob { AutoMerge = autoMerge, RequestedBy = requestedBy, CreatedAt = now, Status = DetectionJobStatus.Queued };
        db.Add(job);
        await db.SaveChangesAsync(ct);
        return DetectionJobView.From(job);
    }

    public async Task<DetectionJobView> GetAsync(Guid jobId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var job = await db.Set<DetectionJob>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct)
            ?? throw new NotFoundException("Detection job", jobId);
        return DetectionJobView.From(job);
    }

    /// <summary>The latest runs, newest first.</summary>
    public async Task<IReadOnlyList<DetectionJobView>> ListAsync(int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var jobs = await db.Set<DetectionJob>().AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return [.. jobs.Select(DetectionJobView.From)];
    }

    /// <summary>
    /// Runs a job this worker has claimed. Cancellation leaves it running with its last heartbeat, so
    /// another worker takes it over once the heartbeat is stale; any other error fails it with the message.
    /// </summary>
    /// <param name="observe">Hears each progress step after it is saved (tests stop a run there as a crash would).</param>
    public async Task<DetectionJobView> RunAsync(Guid jobId, string workerId, Func<DetectionProgress, CancellationToken, Task>? observe = null, CancellationToken ct = default)
    {
        observe ??= (_, _) => Task.CompletedTask;
        int mergedBefore;
        bool autoMerge;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var job = await db.Set<DetectionJob>().SingleOrDefaultAsync(j => j.Id == jobId, ct) ?? throw new NotFoundException("Detection job", jobId);
            if (job.Status != DetectionJobStatus.Running || job.ClaimedBy != workerId)
            {
                throw new ConflictException($"Detection job {jobId} is not claimed by {workerId}.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            job.StartedAt ??= now;
            job.HeartbeatAt = now;
            job.Phase = "keys";
            job.Progress = 0;
            job.Error = null;
            mergedBefore = job.AutoMerged;
            autoMerge = job.AutoMerge;
            await db.SaveChangesAsync(ct);
        }

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = HeartbeatAsync(jobId, workerId, lost);
        try
        {
            var report = await detection.DetectAsync(
                autoMerge,
                async (p, token) =>
                {
                    await UpdateAsync(jobId, workerId, s => s
                        .SetProperty(j => j.Phase, p.Phase).SetProperty(j => j.Progress, p.Progress)
                        .SetProperty(j => j.ContactsKeyed, p.ContactsKeyed).SetProperty(j => j.CandidatePairs, p.CandidatePairs)
                        .SetProperty(j => j.AutoMerged, mergedBefore + p.AutoMerged), token);
                    await observe(p, token);
                },
                lost.Token);
            var finished = clock.GetUtcNow().UtcDateTime;
            await UpdateAsync(jobId, workerId, s => s
                .SetProperty(j => j.Status, DetectionJobStatus.Succeeded).SetProperty(j => j.Phase, "done").SetProperty(j => j.Progress, 1.0)
                .SetProperty(j => j.ContactsKeyed, report.ContactsKeyed).SetProperty(j => j.CandidatePairs, report.CandidatePairs)
                .SetProperty(j => j.NewCandidates, report.NewCandidates).SetProperty(j => j.UpdatedCandidates, report.UpdatedCandidates)
                .SetProperty(j => j.ModelFitted, report.ModelFitted).SetProperty(j => j.AutoMerged, mergedBefore + report.AutoMerged)
                .SetProperty(j => j.FinishedAt, finished), ct);
        }
        catch (JobLostException)
        {
            // Another worker took the job over after a stale heartbeat; it is theirs now.
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // The heartbeat found the job taken over.
        }
        catch (Exception ex)
        {
            var message = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await UpdateAsync(jobId, workerId, s => s
                .SetProperty(j => j.Status, DetectionJobStatus.Failed).SetProperty(j => j.Error, message)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        }
        finally
        {
            await lost.CancelAsync();
            await heartbeat;
        }

        return await GetAsync(jobId, CancellationToken.None);
    }

    /// <summary>Writes the job only while this worker still holds it; a job taken over stops the run.</summary>
    private async Task UpdateAsync(
        Guid jobId,
        string workerId,
        Action<UpdateSettersBuilder<DetectionJob>> set,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var updated = await db.Set<DetectionJob>()
            .Where(j => j.Id == jobId && j.ClaimedBy == workerId && j.Status == DetectionJobStatus.Running)
            .ExecuteUpdateAsync(
                s =>
                {
                    s.SetProperty(j => j.HeartbeatAt, now);
                    set(s);
                },
                ct);
        if (updated == 0)
        {
            throw new JobLostException();
        }
    }

    /// <summary>Keeps the heartbeat fresh through long phases (the pairs query, the model fit), four times per stale period.</summary>
    private async Task HeartbeatAsync(Guid jobId, string workerId, CancellationTokenSource lost)
    {
        using var timer = new PeriodicTimer(queue.StaleAfter / 4, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(lost.Token))
            {
                await UpdateAsync(jobId, workerId, _ => { }, lost.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
        catch (JobLostException)
        {
            await lost.CancelAsync();
        }
    }

    private sealed class JobLostException : Exception
    {
        public JobLostException()
            : base("The detection job was taken over by another worker.")
        {
        }
    }
}
