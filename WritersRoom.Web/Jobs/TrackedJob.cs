using System.Diagnostics;
using Quartz;
using WritersRoom.Data.Bible;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Jobs;

/// <summary>
/// Runs a piece of background work under Quartz and records the run (duration, items, failures, error) for
/// the admin page. An exception is recorded, not rethrown: the next trigger simply tries again.
/// </summary>
public abstract class TrackedJob<TWork>(TWork work, JobRunLog log, JobStatusBoard board, ILogger<TWork> logger) : IJob
    where TWork : IBackgroundWork
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.JobDetail.Key.Name;
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        board.Started(name);
        WorkResult result;
        try
        {
            result = await work.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = new WorkResult(0, 0, "Cancelled (shutting down)");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {Job} failed", name);
            result = new WorkResult(0, 1, e.Message);
        }
        finally
        {
            board.Finished(name);
        }

        try
        {
            await log.RecordAsync(new JobRun
            {
                Job = name,
                Instance = context.Scheduler.SchedulerInstanceId,
                StartedAt = started,
                DurationMs = watch.Elapsed.TotalMilliseconds,
                ItemsDone = result.ItemsDone,
                Failures = result.Failures,
                Error = result.Error is { Length: > 2000 } e2 ? e2[..2000] : result.Error,
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record a run of {Job}", name);
        }
    }
}
