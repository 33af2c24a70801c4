using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Ai;
using WritersRoom.Web.Tests.Editing;
using WritersRoom.Web.Tests.Security;

namespace WritersRoom.Web.Tests.Faults;

/// <summary>
/// Fault 2: the database answers every round trip 500 ms late (a <see cref="LatencyProxy"/> between the app's pool and
/// the server). Requests degrade but nothing cascades: typing is applied and shared at once and acknowledged later,
/// chat turns complete, the pool neither runs dry nor leaks; a database slower than the command timeout ends an
/// operation with our clear error instead of a hang, and everything works again once the delay is gone. The figures
/// are printed, not asserted.
/// </summary>
public sealed class SlowDatabaseTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(500);
    private const int PoolSize = 10;

    private readonly LogRecorder _logs = new();
    private readonly string _pool = "fault2-" + Guid.NewGuid().ToString("N")[..8];
    private FakeModelServer _model = null!;
    private LatencyProxy _proxy = null!;
    private IHost _host = null!;

    private Task StartAsync(int commandTimeoutSeconds = 30)
    {
        // A small pool and short waits: if the slow database made the app hold connections longer than its work needs,
        // this pool would run dry and requests would fail within 5 s instead of waiting.
        var connection = new NpgsqlConnectionStringBuilder(_proxy.Through(database.ConnectionString))
        {
            MaxPoolSize = PoolSize, Timeout = 5, CommandTimeout = commandTimeoutSeconds,
        }.ConnectionString;
        return StartHostAsync(connection);
    }

    private async Task StartHostAsync(string connection) =>
        _host = await FaultHost.StartAsync(connection, _pool, _logs, ServiceHost.FakeModel(_model.Url));

    public async ValueTask InitializeAsync()
    {
        _model = await FakeModelServer.StartAsync();
        _proxy = LatencyProxy.For(database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        _proxy.Delay = TimeSpan.Zero;
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        await _proxy.DisposeAsync();
        await _model.DisposeAsync();
    }

    private T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    private async Task<(Guid Script, List<string> Users)> ScriptWithWritersAsync(int writers, int paragraphs)
    {
        var users = new List<string>();
        for (var i = 0; i < writers; i++) users.Add(await ServiceHost.UserAsync(database.Factory, "writer" + i));
        var fountain = "INT. RIVER - DAY\n\n" + string.Concat(Enumerable.Range(0, paragraphs).Select(i => $"Paragraph {i}.\n\n"));
        var script = await new ScriptImporter(database.Factory).ImportAsync(FountainParser.Parse(fountain), "Slow", users[0], TestContext.Current.CancellationToken);
        foreach (var user in users.Skip(1)) await ServiceHost.AddMemberAsync(database.Factory, script, user, ScriptRole.Writer);
        return (script, users);
    }

    /// <summary>Opens <see cref="PoolSize"/> connections at once while the database is fast, so the slow part measures waits, not logins.</summary>
    private async Task WarmPoolAsync()
    {
        var dataSource = Get<NpgsqlDataSource>();
        var connections = await Task.WhenAll(Enumerable.Range(0, PoolSize).Select(_ => dataSource.OpenConnectionAsync().AsTask()));
        foreach (var c in connections) await c.DisposeAsync();
    }

    [Fact]
    public async Task Typing_is_applied_and_shared_at_once_and_acknowledged_later_with_nothing_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartAsync();
        var (script, users) = await ScriptWithWritersAsync(2, 2);
        var editor = Get<EditorService>();
        var typists = new[]
        {
            await Typist.OpenAsync(editor, script, users[0], "writer0", 1),
            await Typist.OpenAsync(editor, script, users[1], "writer1", 2),
        };
        await WarmPoolAsync();

        _proxy.Delay = Slow;
        var slowStarted = Stopwatch.StartNew();
        var acknowledgedOnReturn = 0;
        for (var step = 0; step < 80; step++)
        {
            var (typist, other) = (typists[step % 2], typists[(step + 1) % 2]);
            var op = await typist.TypeAsync((char)('a' + step % 26));
            // The submit returned without waiting for the database: the operation is applied and the other writer
            // already has it, while its acknowledgement (a commit through the slow database) is still to come.
            Assert.Contains(other.Client.Updates, u => u.Update.OpId == op.OpId);
            if (typist.Client.CommittedAt.ContainsKey(op.OpId)) acknowledgedOnReturn++;
            await Task.Delay(10, ct);
        }
        var typedFor = slowStarted.Elapsed;
        await WaitForAsync(() => typists.All(t => t.AllAcknowledged), TimeSpan.FromSeconds(30), "every operation acknowledged through the slow database");
        var ackTimes = typists.SelectMany(t => t.AckLatencies).Order().ToList();
        var commits = typists.SelectMany(t => t.Sent.Select(id => t.Client.CommittedAt[id])).Distinct().Count();
        Assert.Equal(0, acknowledgedOnReturn);

        // The delay goes: the same editors go on, acknowledged as before.
        _proxy.Delay = TimeSpan.Zero;
        foreach (var t in typists) await t.TypeAsync('!');
        await WaitForAsync(() => typists.All(t => t.AllAcknowledged), TimeSpan.FromSeconds(10), "acknowledged once the database is fast again");

        Assert.All(typists, t => Assert.Empty(t.Client.Rejected));
        foreach (var t in typists) t.Connection.Dispose();
        await Get<ScriptSessionRegistry>().UnloadAsync(script, ct);
        var stored = (await new ScriptDocumentLoader(database.Factory).LoadAsync(script, ct))!.Scenes.SelectMany(s => s.Blocks).ToDictionary(b => b.Id, b => b.Text);
        foreach (var t in typists) Assert.Equal(t.Expected, stored[t.Paragraph]);

        var submits = typists.SelectMany(t => t.SubmitTimes).Order().ToList();
        output.WriteLine($"Fault 2 (typing): 80 operations by 2 writers in {typedFor.TotalMilliseconds:F0} ms at +{Slow.TotalMilliseconds:F0} ms per round trip; " +
            $"submit p50 {P(submits, 0.5):F2} ms, max {submits[^1]:F2} ms; acknowledged after p50 {P(ackTimes, 0.5):F0} ms, p95 {P(ackTimes, 0.95):F0} ms, " +
            $"max {ackTimes[^1]:F0} ms, in {commits} group commits");
    }

    [Fact]
    public async Task Chat_turns_complete_and_the_pool_neither_runs_dry_nor_leaks_while_writers_type()
    {
        var ct = TestContext.Current.CancellationToken;
        const int Chatters = 4, TurnsEach = 2;
        await StartAsync();
        var (script, users) = await ScriptWithWritersAsync(Chatters, 3);
        var editor = Get<EditorService>();
        var typists = new[]
        {
            await Typist.OpenAsync(editor, script, users[0], "writer0", 1),
            await Typist.OpenAsync(editor, script, users[1], "writer1", 2),
        };
        var pipeline = Get<ChatPipeline>();
        using var pool = new PoolWatch(_pool);
        await WarmPoolAsync();
        // One turn while fast: caches (membership, global context, search model) are as in a running app.
        await TurnAsync(pipeline, users[0], script, ct);
        pool.Reset();

        _proxy.Delay = Slow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var typing = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await typists[i % 2].TypeAsync((char)('a' + i % 26));
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
        // Other work: a membership check for someone new each time (a cache miss, one query).
        var probes = new List<double>();
        var probing = Task.Run(async () =>
        {
            var access = Get<ScriptAccess>();
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                Assert.Null(await access.GetRoleAsync(Guid.NewGuid().ToString(), script, CancellationToken.None));
                probes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);

        var turns = await Task.WhenAll(users.Select(async user =>
        {
            var mine = new List<TurnResult>();
            for (var i = 0; i < TurnsEach; i++) mine.Add(await TurnAsync(pipeline, user, script, ct));
            return mine;
        }));
        await stop.CancelAsync();
        await Task.WhenAll(typing, probing);
        var results = turns.SelectMany(t => t).ToList();
        await WaitForAsync(() => typists.All(t => t.AllAcknowledged), TimeSpan.FromSeconds(30), "typing during the turns acknowledged");
        _proxy.Delay = TimeSpan.Zero;

        // Every turn stored its question and completed its answer, slower, without any pool or command timeout.
        Assert.All(results, r => Assert.Null(r.Failure));
        Assert.All(results, r => Assert.Equal(MessageStatus.Complete, r.Answer!.Status));
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            var ids = results.Select(r => r.Stored!.MessageId).ToList();
            Assert.Equal(ids.Count, await db.Messages.CountAsync(m => ids.Contains(m.Id) && m.Role == MessageRole.User, ct));
        }
        Assert.NotEmpty(probes);
        // The pool: nobody waited for a connection, let alone gave up. Each turn holds one connection at a time (none
        // while the model answers); beside them only the group-commit writer, the usage writer, the history check and
        // the probe, one each. Nothing is held once all is done.
        Assert.Equal(0, pool.Timeouts);
        Assert.Equal(0, pool.PeakPending);
        Assert.InRange(pool.PeakBusy, 1, Chatters + 4);
        await WaitForAsync(() => pool.Busy == 0 && pool.Pending == 0, TimeSpan.FromSeconds(5), "every connection back in the pool");
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("exhausted", StringComparison.OrdinalIgnoreCase));

        var stored = results.Select(r => r.StoredMs).Order().ToList();
        var total = results.Select(r => r.TotalMs).Order().ToList();
        probes.Sort();
        output.WriteLine($"Fault 2 (chat): {results.Count} turns, {Chatters} at a time, while 2 writers typed, at +{Slow.TotalMilliseconds:F0} ms per round trip: " +
            $"message stored after p50 {P(stored, 0.5):F0} ms / max {stored[^1]:F0} ms; turn complete after p50 {P(total, 0.5):F0} ms / max {total[^1]:F0} ms; " +
            $"membership probe ({probes.Count}) p50 {P(probes, 0.5):F0} ms, max {probes[^1]:F0} ms; pool of {PoolSize}: peak in use {pool.PeakBusy}, " +
            $"peak waiting {pool.PeakPending}, timeouts {pool.Timeouts}");
    }

    [Fact]
    public async Task Past_the_command_timeout_a_turn_ends_with_a_clear_error_and_editing_and_chat_recover()
    {
        var ct = TestContext.Current.CancellationToken;
        // One second per query (Npgsql's smallest). The stall outlasts that and Npgsql's wait for the cancellation
        // (2 s), so the answer cannot slip in late: the connection is given up.
        await StartAsync(commandTimeoutSeconds: 1);
        var stall = TimeSpan.FromSeconds(6);
        var (script, users) = await ScriptWithWritersAsync(2, 2);
        var editor = Get<EditorService>();
        var typist = await Typist.OpenAsync(editor, script, users[0], "writer0", 1);
        var other = await Typist.OpenAsync(editor, script, users[1], "writer1", 2);
        var pipeline = Get<ChatPipeline>();
        await TurnAsync(pipeline, users[0], script, ct); // membership cached, as for a writer already at work

        _proxy.Delay = stall;
        var request = new ChatTurnRequest(script, Guid.CreateVersion7(), true, "Where does the river go?", Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        var stalled = await TurnAsync(pipeline, users[0], script, ct, request);
        var failedAfter = clock.Elapsed;
        var timeout = Assert.IsType<DatabaseTimeoutException>(stalled.Failure);
        Assert.Contains("did not answer in time", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("1 s", timeout.Message, StringComparison.Ordinal);

        // Typing goes on during the stall: applied at once, the commit retried until the database answers.
        foreach (var c in "abc") await typist.TypeAsync(c);
        // The cached role expires (without a membership change): the editor keeps the role it had rather than
        // refusing or stalling the writer while the database cannot say.
        ((MemoryCache)Get<IMemoryCache>()).Clear();
        clock.Restart();
        await typist.TypeAsync('d');
        var keptRoleAfter = clock.Elapsed;
        Assert.Empty(typist.Client.Rejected);
        Assert.Contains(_logs.Entries, e => e.Message.Contains("could not be read; the editor keeps its role", StringComparison.Ordinal));
        // …but after a membership change the old role is not relied on: no answer, no edit.
        Get<ScriptAccess>().Forget(users[1], script);
        await Assert.ThrowsAnyAsync<Exception>(() => other.TypeAsync('x'));
        Assert.DoesNotContain(other.Client.Updates, u => u.Update.Blocks.Any(b => b.Text.EndsWith('x')));

        _proxy.Delay = TimeSpan.Zero;
        clock.Restart();
        await WaitForAsync(() => typist.AllAcknowledged, TimeSpan.FromSeconds(30), "typing from the stall acknowledged");
        var ackedAfter = clock.Elapsed;
        // The same turn, sent again: stored once, answered.
        var retried = await TurnAsync(pipeline, users[0], script, ct, request);
        Assert.Null(retried.Failure);
        Assert.Equal(MessageStatus.Complete, retried.Answer!.Status);
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            Assert.Equal(1, await db.Messages.CountAsync(m => m.ConversationId == request.ConversationId && m.Role == MessageRole.User, ct));
        typist.Connection.Dispose();
        other.Connection.Dispose();
        await Get<ScriptSessionRegistry>().UnloadAsync(script, ct);
        var stored = (await new ScriptDocumentLoader(database.Factory).LoadAsync(script, ct))!.Scenes.SelectMany(s => s.Blocks).ToDictionary(b => b.Id, b => b.Text);
        Assert.Equal(typist.Expected, stored[typist.Paragraph]);

        output.WriteLine($"Fault 2 (timeout): command timeout 1 s, +{stall.TotalSeconds:F0} s per round trip: the turn failed after {failedAfter.TotalMilliseconds:F0} ms " +
            $"with \"{timeout.Message}\"; a submit whose role lookup timed out went on after {keptRoleAfter.TotalMilliseconds:F0} ms; " +
            $"the stalled typing was acknowledged {ackedAfter.TotalMilliseconds:F0} ms after the delay went; the retried turn completed");
    }

    private sealed record TurnResult(UserMessageStored? Stored, Message? Answer, Exception? Failure, double StoredMs, double TotalMs);

    private static async Task<TurnResult> TurnAsync(ChatPipeline pipeline, string user, Guid script, CancellationToken ct, ChatTurnRequest? request = null)
    {
        request ??= new ChatTurnRequest(script, Guid.CreateVersion7(), true, "Who wades into the river?", Guid.NewGuid().ToString("N"));
        var started = Stopwatch.GetTimestamp();
        UserMessageStored? stored = null;
        Message? answer = null;
        double storedMs = 0;
        try
        {
            await foreach (var e in pipeline.SendAsync(user, request, ct))
            {
                if (e is UserMessageStored s)
                {
                    stored = s;
                    storedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                if (e is AnswerFinished f) answer = f.Message;
            }
            return new TurnResult(stored, answer, null, storedMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new TurnResult(stored, answer, e, storedMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < limit) await Task.Delay(20);
        Assert.True(condition(), $"Not within {limit.TotalSeconds:F0} s: {what}.");
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * q) - 1)];
}
