using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using WritersRoom.Core.Ai;
using WritersRoom.Data;
using WritersRoom.Data.Bible;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Jobs.Cast;
using WritersRoom.Web.Jobs.Conversations;
using WritersRoom.Web.Jobs.Outline;
using WritersRoom.Web.Jobs.Scenes;

namespace WritersRoom.Web.Jobs;

/// <summary>One job as the admin page shows it.</summary>
public sealed record JobOverview(JobDefinition Definition, string State, DateTimeOffset? RunningSince, long? Pending,
    Data.Entities.JobRun? LastRun, Data.Entities.JobRun? LastFailure);

/// <summary>Every job, the re-embed progress for the configured embedding model, and whether this instance schedules.</summary>
public sealed record JobsOverview(IReadOnlyList<JobOverview> Jobs, EmbeddingProgress Reembed, bool SchedulerRunning, bool Clustered);

/// <summary>
/// The admin jobs page's server side: reads every job's state, last run, last failure and queue depth, and runs,
/// pauses or resumes a job through Quartz (in clustered mode the pause is in the shared store, so it holds on every
/// instance). Every call re-reads the caller from the database and insists on an enabled Admin.
/// </summary>
public sealed class JobControl(ISchedulerFactory schedulers, JobRunLog runs, JobQueues queues, JobStatusBoard board, SceneFreshness freshness,
    AiProviderInfo ai, IOptions<JobsOptions> jobs, IOptions<AssistantOptions> assistant, IDbContextFactory<WritersRoomDbContext> factory,
    TimeProvider time, ILogger<JobControl> log)
{
    public async Task<JobsOverview> ReadAsync(ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await RequireAdminAsync(caller, ct);
        var scheduler = await schedulers.GetScheduler(ct);
        var (latest, failures) = await runs.LatestAsync(ct);
        var o = jobs.Value;
        var depths = await queues.DepthsAsync(ai.EmbeddingModelKey, o.MainCharacters, ConversationSummaries.Threshold(assistant.Value),
            time.GetUtcNow() - o.Debounce, ct);
        var list = new List<JobOverview>();
        foreach (var job in JobCatalog.All)
        {
            var state = await scheduler.GetTriggerState(TriggerKeyOf(job), ct);
            list.Add(new JobOverview(job, state.ToString(), board.RunningSince(job.Key.Name), Pending(job.Key, depths),
                latest.FirstOrDefault(r => r.Job == job.Key.Name), failures.FirstOrDefault(r => r.Job == job.Key.Name)));
        }
        var reembed = await freshness.EmbeddingProgress(ai.EmbeddingModelKey, ct);
        return new JobsOverview(list, reembed, await scheduler.GetStatus(ct) == SchedulerStatus.Running, o.Clustered);
    }

    /// <summary>Runs the job once now, beside its schedule (a run already in progress finishes first).</summary>
    public Task RunNowAsync(ClaimsPrincipal caller, JobKey job, CancellationToken ct = default) =>
        ChangeAsync(caller, job, "ran", async (s, d) => await s.TriggerJob(d.Key, ct), ct);

    public Task PauseAsync(ClaimsPrincipal caller, JobKey job, CancellationToken ct = default) =>
        ChangeAsync(caller, job, "paused", async (s, d) => await s.PauseTrigger(TriggerKeyOf(d), ct), ct);

    public Task ResumeAsync(ClaimsPrincipal caller, JobKey job, CancellationToken ct = default) =>
        ChangeAsync(caller, job, "resumed", async (s, d) => await s.ResumeTrigger(TriggerKeyOf(d), ct), ct);

    public static TriggerKey TriggerKeyOf(JobDefinition job) => new(job.Key.Name + "-trigger", JobCatalog.Group);

    private async Task ChangeAsync(ClaimsPrincipal caller, JobKey key, string verb, Func<IScheduler, JobDefinition, Task> change, CancellationToken ct)
    {
        var admin = await RequireAdminAsync(caller, ct);
        var job = JobCatalog.All.FirstOrDefault(j => j.Key.Equals(key)) ?? throw new ArgumentException($"There is no job {key}.", nameof(key));
        await change(await schedulers.GetScheduler(ct), job);
        log.LogInformation("Admin {AdminId} {Verb} job {Job}", admin, verb, key.Name);
    }

    private static long? Pending(JobKey job, JobQueueDepths d) => job.Name switch
    {
        _ when job.Equals(SceneRefreshJob.Key) => d.Scenes,
        _ when job.Equals(CastJob.Key) => d.Cast,
        _ when job.Equals(CharacterSheetJob.Key) => d.Sheets,
        _ when job.Equals(OutlineJob.Key) => d.Outlines,
        _ when job.Equals(ConversationTitleJob.Key) => d.Titles,
        _ when job.Equals(ConversationSummaryJob.Key) => d.Summaries,
        _ => null,
    };

    private async Task<string> RequireAdminAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        var id = caller.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException("Sign in first.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var admin = await db.Users.AnyAsync(u => u.Id == id && !u.IsDisabled
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)), ct);
        return admin ? id : throw new UnauthorizedAccessException("Only an administrator can see and control the jobs.");
    }
}
