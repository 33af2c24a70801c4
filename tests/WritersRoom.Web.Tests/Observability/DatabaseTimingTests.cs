using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Observability;
using WritersRoom.Web.Observability.Database;
using WritersRoom.Web.Observability.Metrics;

namespace WritersRoom.Web.Tests.Observability;

public sealed class DatabaseTimingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static IOptionsMonitor<ObservabilityOptions> Threshold(int ms) =>
        new StaticOptions(new ObservabilityOptions { SlowQueryMs = ms });

    [Fact]
    public async Task The_slow_query_interceptor_catches_a_deliberately_slow_query()
    {
        var ct = TestContext.Current.CancellationToken;
        using var parts = new ObservabilityParts(MeterNames.Database);
        var interceptor = new SlowQueryInterceptor(parts.SlowQueries, parts.DatabaseMetrics, Threshold(200));
        var factory = database.CreateFactory(interceptor);

        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(0.3)", ct);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
        }

        var slow = Assert.Single(parts.SlowQueries.Top(10));
        Assert.Equal("SELECT pg_sleep(?)", slow.Sql);
        Assert.Equal(1, slow.Count);
        Assert.InRange(slow.P95Ms, 300, 10_000);
        // Every command is timed, slow or not.
        Assert.Equal(2, parts.Reader.Read().Pool.Command5Min.Count);
    }

    [Fact]
    public async Task Connection_opens_are_timed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var parts = new ObservabilityParts(MeterNames.Database);
        var factory = database.CreateFactory(new ConnectionOpenInterceptor(parts.DatabaseMetrics));

        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
        }

        Assert.Equal(2, parts.Reader.Read().Pool.OpenWait5Min.Count);
    }

    [Fact]
    public async Task Npgsql_pool_metrics_are_read_under_their_version_10_names()
    {
        var ct = TestContext.Current.CancellationToken;
        using var parts = new ObservabilityParts(MeterNames.Npgsql);
        await using var held = await database.DataSource.OpenConnectionAsync(ct);

        parts.Aggregator.Sample();

        var pool = parts.Reader.Read().Pool;
        Assert.True(pool.InUse >= 1, $"in use {pool.InUse}");
        Assert.True(pool.Max >= 1, $"max {pool.Max}");
    }

    [Fact]
    public async Task Job_runs_are_summarised_per_job_with_the_queue_of_stale_scenes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            db.Set<JobRun>().AddRange(
                new JobRun { Job = "scenes", StartedAt = DateTimeOffset.UtcNow.AddMinutes(-2), DurationMs = 40, ItemsDone = 3 },
                new JobRun { Job = "scenes", StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1), DurationMs = 90, Failures = 1, Error = "boom" });
            await db.SaveChangesAsync(ct);
        }
        var probe = new JobActivityProbe(database.DataSource, TimeProvider.System, new ServiceCollection().BuildServiceProvider(),
            NullLogger<JobActivityProbe>.Instance);

        var activity = await probe.GetAsync();

        Assert.Null(activity.Error);
        var job = Assert.Single(activity.Jobs);
        Assert.Equal(("scenes", 2, 1, 3, "boom"), (job.Job, job.RunsLastHour, job.FailuresLastHour, job.ItemsLastHour, job.LastError));
        Assert.Equal(0, activity.StaleScenes);
    }

    private sealed class StaticOptions(ObservabilityOptions value) : IOptionsMonitor<ObservabilityOptions>
    {
        public ObservabilityOptions CurrentValue => value;
        public ObservabilityOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<ObservabilityOptions, string?> listener) => null;
    }
}
