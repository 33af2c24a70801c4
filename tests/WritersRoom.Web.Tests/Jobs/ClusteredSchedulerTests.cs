using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;
using WritersRoom.TestSupport;

namespace WritersRoom.Web.Tests.Jobs;

/// <summary>
/// <c>Jobs:Clustered=true</c>: two schedulers (as two instances would run) on Quartz's ADO store in the app's Postgres
/// fire each trigger once between them. With the in-memory store each would fire every trigger itself.
/// </summary>
public sealed class ClusteredSchedulerTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Two_clustered_schedulers_run_each_firing_of_a_job_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var runs = new ConcurrentQueue<(DateTimeOffset Scheduled, string Instance)>();
        CountingJob.Runs = runs;
        var settings = new[]
        {
            ("Jobs:SchedulerEnabled", "true"), ("Jobs:Clustered", "true"),
            ("Jobs:SceneInterval", "01:00:00"), ("Jobs:CastInterval", "01:00:00"),
        };
        using var first = JobsTestHost.Build(database, null, AddCountingJob, settings);
        using var second = JobsTestHost.Build(database, null, AddCountingJob, settings);
        await first.StartAsync(ct);
        await second.StartAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(6), ct);
        await second.StopAsync(ct);
        await first.StopAsync(ct);

        var fired = runs.ToList();
        output.WriteLine($"{fired.Count} runs: " + string.Join(", ", fired.GroupBy(r => r.Instance).Select(g => $"{g.Count()} on {g.Key}")));
        Assert.True(fired.Count >= 5, $"the job ran {fired.Count} times in 6 s at a 250 ms interval");
        Assert.All(fired.GroupBy(r => r.Scheduled), firing => Assert.Single(firing));

        // Both schedulers really were in the cluster, on the database.
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state", connection);
        Assert.Equal(2L, await command.ExecuteScalarAsync(ct));
    }

    private static void AddCountingJob(IServiceCollection services)
    {
        services.AddTransient<CountingJob>();
        services.AddQuartz(q =>
        {
            q.AddJob<CountingJob>(j => j.WithIdentity(CountingJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(CountingJob.Key).WithIdentity("count-trigger", "test").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(250)).RepeatForever()));
        });
    }

    private sealed class CountingJob : IJob
    {
        public static readonly JobKey Key = new("count", "test");
        public static ConcurrentQueue<(DateTimeOffset, string)> Runs = new();

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Runs.Enqueue((context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.Scheduler.SchedulerInstanceId));
            return ValueTask.CompletedTask;
        }
    }
}
