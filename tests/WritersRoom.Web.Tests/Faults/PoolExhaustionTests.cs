using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WritersRoom.Core.Fountain;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Tests.Editing;
using WritersRoom.Web.Tests.Security;

namespace WritersRoom.Web.Tests.Faults;

/// <summary>
/// Fault 3: long queries (pg_sleep) hold all but two of the pool's connections, and writers keep sending messages.
/// The message-create path (access check, then the one-round-trip insert, until <see cref="UserMessageStored"/>)
/// must keep working without a pool timeout. Its p95 is measured and printed, not asserted (timings vary with the
/// machine); the 250 ms target is in the issue.
/// </summary>
public sealed class PoolExhaustionTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const int PoolSize = 12;
    private const int Held = PoolSize - 2;
    private const int Turns = 60;
    private const int Concurrency = 4;

    private readonly LogRecorder _logs = new();
    private IHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        // A small pool so "most of it" is a few connections; the pool wait is short so a starved path fails fast.
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = PoolSize, Timeout = 5 }.ConnectionString;
        _host = await ServiceHost.StartAsync(connection, _logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Messages_are_stored_while_long_queries_hold_most_of_the_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = new List<string>();
        var script = Guid.Empty;
        for (var i = 0; i < Concurrency; i++)
        {
            var user = await ServiceHost.UserAsync(database.Factory, "writer" + i);
            users.Add(user);
            if (i == 0) script = await new ScriptImporter(database.Factory).ImportAsync(FountainParser.Parse("INT. ROOM - DAY\n\nA door.\n"), "t", user, ct);
            else await ServiceHost.AddMemberAsync(database.Factory, script, user, Core.Scripts.ScriptRole.Writer);
        }

        var dataSource = _host.Services.GetRequiredService<NpgsqlDataSource>();
        using var stopSleeping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sleepers = Enumerable.Range(0, Held).Select(_ => SleepAsync(dataSource, stopSleeping.Token)).ToList();
        await WaitForSleepersAsync(Held, ct);

        var pipeline = _host.Services.GetRequiredService<ChatPipeline>();
        var times = new List<double>();
        var failures = new List<Exception>();
        for (var wave = 0; wave < Turns / Concurrency; wave++)
        {
            await Task.WhenAll(users.Select(async user =>
            {
                var request = new ChatTurnRequest(script, Guid.CreateVersion7(), true, "What is behind the door?", Guid.NewGuid().ToString("N"));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await foreach (var e in pipeline.SendAsync(user, request, ct))
                    {
                        Assert.IsType<UserMessageStored>(e);
                        lock (times) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        break;
                    }
                }
                catch (Exception e)
                {
                    lock (failures) failures.Add(e);
                }
            }));
        }

        // The sleepers really held their connections the whole time.
        Assert.Equal(Held, await CountSleepersAsync(ct));
        await stopSleeping.CancelAsync();
        await Task.WhenAll(sleepers);

        Assert.Empty(failures);
        Assert.Equal(Turns, times.Count);
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("exhausted", StringComparison.OrdinalIgnoreCase));
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(Turns, db.Messages.Count(m => db.Conversations.Any(c => c.Id == m.ConversationId && c.ScriptId == script)));

        times.Sort();
        var p50 = times[(int)(times.Count * 0.50)];
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        output.WriteLine($"Fault 3: {Held} of {PoolSize} pool connections held by pg_sleep; {Turns} message creates, {Concurrency} at a time: " +
            $"p50 {p50:F1} ms, p95 {p95:F1} ms, max {times[^1]:F1} ms");
    }

    private static async Task SleepAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT pg_sleep(120)");
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Released by the test.
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
        }
    }

    private async Task WaitForSleepersAsync(int count, CancellationToken ct)
    {
        for (var i = 0; i < 200 && await CountSleepersAsync(ct) < count; i++) await Task.Delay(50, ct);
        Assert.Equal(count, await CountSleepersAsync(ct));
    }

    /// <summary>Counted on an admin connection, outside the app's pool.</summary>
    private async Task<int> CountSleepersAsync(CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await admin.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = @db AND query LIKE 'SELECT pg_sleep(120)%' AND state = 'active'", admin);
        command.Parameters.AddWithValue("db", database.Name);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
