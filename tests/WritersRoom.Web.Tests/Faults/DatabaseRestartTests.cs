using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Tests.Ai;
using WritersRoom.Web.Tests.Editing;
using WritersRoom.Web.Tests.Security;

namespace WritersRoom.Web.Tests.Faults;

/// <summary>
/// Fault 1: PostgreSQL restarts (every backend of the database terminated) in the middle of typing and in the middle
/// of a chat turn. Nothing acknowledged is lost, and the service works again within 10 s of the database.
/// </summary>
public sealed class DatabaseRestartTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(10);
    private readonly LogRecorder _logs = new();
    private FakeModelServer _model = null!;
    private IHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        // Another test of this class may have restarted the database under the shared fixture's pool.
        database.DataSource.Clear();
        _model = await FakeModelServer.StartAsync();
        _host = await ServiceHost.StartAsync(database.ConnectionString, _logs, ServiceHost.FakeModel(_model.Url));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task Typing_through_three_restarts_loses_no_acknowledged_character_and_saving_resumes_within_10_s()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = await ServiceHost.UserAsync(database.Factory, "owner");
        var scriptId = await new ScriptImporter(database.Factory).ImportAsync(
            FountainParser.Parse("INT. RIVER - DAY\n\nEdward wades in.\n\nThe fish circles.\n"), "t", owner, ct);
        var editor = _host.Services.GetRequiredService<EditorService>();
        var writers = new List<SimulatedWriter>();
        for (var i = 0; i < 2; i++)
        {
            var user = await ServiceHost.UserAsync(database.Factory, "writer" + i);
            await ServiceHost.AddMemberAsync(database.Factory, scriptId, user, ScriptRole.Writer);
            var w = new SimulatedWriter("writer" + i, user, editor, scriptId);
            await w.ConnectAsync();
            writers.Add(w);
        }
        var paragraphs = writers[0].Texts.Keys.ToList();
        var expected = paragraphs.ToDictionary(id => id, id => writers[0].TextOf(id));

        var terminated = new List<int>();
        for (var step = 0; step < 300; step++)
        {
            if (step is 75 or 150 or 225) terminated.Add(await DatabaseRestart.TerminateAllBackendsAsync(database.Name));
            var i = step % 2;
            // Each writer types at the end of its own paragraph, so the expected text is known exactly.
            var id = paragraphs[^(i + 1)];
            var ch = (char)('a' + step % 26);
            await writers[i].TypeAsync(id, writers[i].TextOf(id).Length, ch.ToString());
            expected[id] += ch;
            if (step % 5 == 0) await writers[i].ReceiveAsync();
            await Task.Delay(2, ct);
        }
        Assert.True(terminated.Sum() > 0, "The restarts found no connection to end.");

        var lastRestart = Stopwatch.StartNew();
        await SettleAsync(writers, ct);
        output.WriteLine($"Fault 1 (typing): backends ended per restart {string.Join('/', terminated)}; all operations acknowledged {lastRestart.ElapsedMilliseconds} ms after the last restart; " +
            $"commit failures logged: {_logs.Entries.Count(e => e.Message.StartsWith("Group commit", StringComparison.Ordinal))}");

        Assert.All(writers, w => Assert.Empty(w.Rejections));
        // The test's own pool lost its connections in the restarts too; the check reads on fresh ones.
        database.DataSource.Clear();
        var stored = (await new ScriptDocumentLoader(database.Factory).LoadAsync(scriptId, ct))!.Scenes.SelectMany(s => s.Blocks).ToDictionary(b => b.Id, b => b.Text);
        foreach (var (id, text) in expected) Assert.Equal(text, stored[id]);
        Assert.All(writers, w => Assert.Equal(expected, w.Texts.ToDictionary()));
    }

    /// <summary>Delivers messages until every writer has every operation acknowledged (or the 10 s are up).</summary>
    private static async Task SettleAsync(List<SimulatedWriter> writers, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < BackWithin && !writers.All(w => w.Idle))
        {
            foreach (var w in writers) await w.ReceiveAsync();
            await Task.Delay(20, ct);
        }
        Assert.True(writers.All(w => w.Idle), $"Not everything was acknowledged within {BackWithin.TotalSeconds} s of the restart: " +
            string.Join(", ", writers.Select(w => $"{w.Name} {w.Unacked} unacked")));
    }

    [Fact]
    public async Task A_restart_during_the_answer_loses_neither_question_nor_answer_and_a_retry_adds_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await ServiceHost.UserAsync(database.Factory, "writer");
        var scriptId = await new ScriptImporter(database.Factory).ImportAsync(
            FountainParser.Parse("INT. CAVE - DAY\n\nKarl the giant sulks.\n"), "t", user, ct);
        var pipeline = _host.Services.GetRequiredService<ChatPipeline>();
        var request = new ChatTurnRequest(scriptId, Guid.CreateVersion7(), true, "Who sulks in the cave?", Guid.NewGuid().ToString("N"));
        var restarted = 0;
        _model.BeforeChat = async () => restarted = await DatabaseRestart.TerminateAllBackendsAsync(database.Name);

        var events = new List<ChatEvent>();
        Exception? failure = null;
        try
        {
            await foreach (var e in pipeline.SendAsync(user, request, ct)) events.Add(e);
        }
        catch (Exception e)
        {
            failure = e;
        }
        _model.BeforeChat = null;
        Assert.True(restarted > 0);
        var acknowledged = Assert.IsType<UserMessageStored>(events[0]);
        // The answer streamed while the database restarted is saved on a fresh connection, not lost.
        Assert.Null(failure);
        var answered = Assert.IsType<AnswerFinished>(events[^1]).Message;
        output.WriteLine($"Fault 1 (chat): the turn during the restart ended with {(failure is null ? events[^1].GetType().Name : failure.GetType().Name + ": " + failure.Message + " at " + failure.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("WritersRoom", StringComparison.Ordinal))?.Trim())}");

        // The writer (or the UI) sends the same turn again: the question is not stored twice, the answer once.
        var clock = Stopwatch.StartNew();
        var retry = new List<ChatEvent>();
        while (true)
        {
            try
            {
                retry.Clear();
                await foreach (var e in pipeline.SendAsync(user, request with { NewConversation = true }, ct)) retry.Add(e);
                break;
            }
            catch (Exception e) when (clock.Elapsed < BackWithin)
            {
                output.WriteLine($"retry after {clock.ElapsedMilliseconds} ms failed: {e.GetType().Name}: {e.Message}");
                await Task.Delay(200, ct);
            }
        }
        output.WriteLine($"Fault 1 (chat): the retried turn completed {clock.ElapsedMilliseconds} ms after the first");

        Assert.Equal(acknowledged.MessageId, Assert.IsType<UserMessageStored>(retry[0]).MessageId);
        Assert.Equal(answered.Id, Assert.IsType<AnswerFinished>(retry[^1]).Message.Id);
        database.DataSource.Clear();
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        var stored = await db.Messages.Where(m => m.ConversationId == request.ConversationId).OrderBy(m => m.CreatedAt).ToListAsync(ct);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], stored.Select(m => m.Role));
        Assert.Equal(request.Text, stored[0].Content);
        Assert.Equal(MessageStatus.Complete, stored[1].Status);
    }
}
