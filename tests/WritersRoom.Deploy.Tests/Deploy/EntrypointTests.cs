using System.Diagnostics;
using WritersRoom.Deploy.Tests.Infrastructure;

namespace WritersRoom.Deploy.Tests.Deploy;

/// <summary>
/// The image's entrypoint, run outside a container with a temporary data folder: first start initialises the
/// database, SIGTERM stops the app and then PostgreSQL cleanly, the next start finds the cluster and answers again.
/// </summary>
public sealed class EntrypointTests : IAsyncLifetime
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "wr-deploy-data-" + Guid.NewGuid().ToString("N")[..8]);

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(dataDir);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task First_start_initialises_SIGTERM_stops_cleanly_and_a_restart_serves_the_same_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = TestContext.Current.TestOutputHelper;
        var app = await PublishedApp.GetAsync();

        await using (var first = new EntrypointProcess(dataDir, app))
        {
            var watch = Stopwatch.StartNew();
            first.Start();
            await first.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), ct);
            log?.WriteLine($"cold start (initdb + migrations) ready after {watch.ElapsedMilliseconds} ms");
            Assert.True(File.Exists(Path.Combine(dataDir, "postgres", "PG_VERSION")), "the cluster lives in the data folder");

            watch.Restart();
            var exit = await first.TerminateAsync(TimeSpan.FromSeconds(60), ct);
            log?.WriteLine($"SIGTERM to exit: {watch.ElapsedMilliseconds} ms");
            Assert.True(exit == 0, $"exit code {exit}:\n{first.Output}");
            Assert.Contains("database system is shut down", await File.ReadAllTextAsync(first.PostgresLog, ct));
            Assert.False(File.Exists(Path.Combine(dataDir, "postgres", "postmaster.pid")), "PostgreSQL left its pid file: not a clean stop");
        }

        await using (var second = new EntrypointProcess(dataDir, app))
        {
            var watch = Stopwatch.StartNew();
            second.Start();
            await second.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), ct);
            log?.WriteLine($"restart on the existing cluster ready after {watch.ElapsedMilliseconds} ms");
            Assert.DoesNotContain("initialising the database cluster", second.Output);
            Assert.Contains("No migrations were applied", second.Output);

            Assert.Equal(0, await second.TerminateAsync(TimeSpan.FromSeconds(60), ct));
        }
        // A clean shutdown means no crash recovery on the next start.
        Assert.DoesNotContain("database system was not properly shut down", await File.ReadAllTextAsync(Path.Combine(dataDir, "postgres-run", "postgres.log"), ct));
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
