using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using WritersRoom.Data;
using WritersRoom.Data.Bible;
using WritersRoom.Data.Chat;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Jobs;
using WritersRoom.Web.Jobs.Cast;
using WritersRoom.Web.Jobs.Conversations;
using WritersRoom.Web.Jobs.Outline;
using WritersRoom.Web.Jobs.Scenes;

// In the hosting namespace (as the other areas' registrations are) so Program.cs needs no extra using.
namespace Microsoft.Extensions.Hosting;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the background jobs that keep the script bible current (section <c>Jobs</c>): the Quartz
    /// scheduler (in memory, or clustered on the app's Postgres when <c>Jobs:Clustered</c> is true), every job
    /// also in DI so start-up validation sees its constructor, and the services the jobs and the UI share.
    /// </summary>
    public static IHostApplicationBuilder AddWritersRoomJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(JobsOptions.HasValidDurations, "Jobs: durations must be positive (Debounce may be 0) and RetryMaxDelay ≥ RetryBaseDelay.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => new JobConnectionGate(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IDbContextFactory<WritersRoomDbContext>>(),
            sp.GetRequiredService<IOptions<JobsOptions>>().Value.MaxConnections));
        services.AddSingleton<JobRunLog>();
        services.AddSingleton<JobStatusBoard>();
        services.AddSingleton<JobQueues>();
        services.AddSingleton<JobControl>();
        services.AddSingleton<SceneWorkStore>();
        services.TryAddSingleton<SceneFreshness>();
        services.AddSingleton<AssistantReading>();
        services.AddSingleton<SceneSummarizer>();
        services.AddSingleton<SceneRefresher>();
        services.AddSingleton<CastStore>();
        services.AddSingleton<CastRefresher>();
        services.AddSingleton<DraftStore>();
        services.AddSingleton<SheetWriter>();
        services.AddSingleton<SheetDrafter>();
        services.AddSingleton<OutlineWriter>();
        services.AddSingleton<OutlineDrafter>();
        services.AddSingleton<ConversationWorkStore>();
        services.AddSingleton<ConversationWriter>();
        services.AddSingleton<ConversationTitler>();
        services.AddSingleton<ConversationSummaries>();
        builder.AddWritersRoomBible();

        Define<SceneRefreshJob>(services, SceneRefreshJob.Key, o => o.SceneInterval, "Scene summaries and embeddings");
        Define<CastJob>(services, CastJob.Key, o => o.CastInterval, "Characters and locations");
        Define<CharacterSheetJob>(services, CharacterSheetJob.Key, o => o.SheetInterval, "Character sheet drafts");
        Define<OutlineJob>(services, OutlineJob.Key, o => o.OutlineInterval, "Outline drafts");
        Define<ConversationTitleJob>(services, ConversationTitleJob.Key, o => o.ConversationInterval, "Conversation titles");
        Define<ConversationSummaryJob>(services, ConversationSummaryJob.Key, o => o.ConversationInterval, "Rolling conversation summaries");

        var jobs = builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        services.AddQuartz(q =>
        {
            if (jobs.Clustered)
            {
                // Every instance has the same scheduler name; Quartz 4.7 generates each clustered instance's own id.
                q.UsePersistentStore(store =>
                {
                    // Quartz draws its connections from the app's one data source: one pool per process.
                    store.UsePostgres(ds => ds.DataSourceFactory = sp => sp.GetRequiredService<NpgsqlDataSource>());
                    // An instance that misses check-ins is taken for dead and its running work is fired again elsewhere:
                    // a loaded machine or a long GC pause must not look like death (Quartz's default allows 7.5 s).
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                    store.UseSystemTextJsonSerializer();
                });
            }

            foreach (var job in JobCatalog.All)
            {
                q.AddJob(job.JobType, j => j.WithIdentity(job.Key).WithDescription(job.Description).StoreDurably());
                var interval = job.Interval(jobs);
                q.AddTrigger(t => t.ForJob(job.Key).WithIdentity(job.Key.Name + "-trigger", JobCatalog.Group)
                    .StartAt(DateTimeOffset.UtcNow + interval)
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()));
            }
        });
        if (jobs.Clustered)
        {
            // The schedule lives in the shared database: a starting instance keeps the stored triggers instead of
            // replacing them, which would set a trigger another instance is firing back to waiting (a double run).
            services.Configure<QuartzOptions>(o =>
            {
                o.Scheduling.OverwriteExistingData = false;
                o.Scheduling.IgnoreDuplicates = true;
            });
        }
        if (jobs.SchedulerEnabled)
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    private static void Define<TJob>(IServiceCollection services, JobKey key, Func<JobsOptions, TimeSpan> interval, string description)
        where TJob : class, IJob
    {
        services.AddTransient<TJob>();
        JobCatalog.Add(new JobDefinition(key, typeof(TJob), interval, description));
    }
}
