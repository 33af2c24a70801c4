using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Tests.Ai;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>The turn against the real OpenAI connector and a loopback fake model server.</summary>
public sealed class ChatPipelineTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Script = "INT. RIVER - DAY\n\nEdward catches the giant catfish.\n\nEXT. CAVE - DAY\n\nKarl the giant sulks.\n";
    private FakeModelServer _server = null!;
    private IHost _host = null!;
    private string _user = "";
    private Guid _script;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync();
        _host = ChatTestHost.Build(database, _server.Url);
        _user = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        _script = await ChatSeed.ImportAsync(database.Factory, Script, _user, embed: false);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _server.DisposeAsync();
    }

    private ChatPipeline Pipeline => _host.Services.GetRequiredService<ChatPipeline>();

    private ChatTurnRequest NewTurn(string text = "Who is the giant in the cave?") =>
        new(_script, Guid.CreateVersion7(), true, text, Guid.NewGuid().ToString("N"));

    private async Task<List<ChatEvent>> RunAsync(ChatTurnRequest request)
    {
        var events = new List<ChatEvent>();
        await foreach (var e in Pipeline.SendAsync(_user, request, TestContext.Current.CancellationToken)) events.Add(e);
        return events;
    }

    private async Task<List<Message>> MessagesAsync(Guid conversation)
    {
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Messages.Where(m => m.ConversationId == conversation).OrderBy(m => m.CreatedAt).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_later_turn_replays_the_thread_read_with_its_message_insert_and_its_own_question_once()
    {
        var first = NewTurn("Who is the giant in the cave?");
        await RunAsync(first);
        var second = first with { NewConversation = false, Text = "And what does Edward catch?", IdempotencyKey = Guid.NewGuid().ToString("N") };

        var events = await RunAsync(second);

        var finished = Assert.IsType<AnswerFinished>(events[^1]).Message;
        // The history came back in the insert's round trip: no read of its own.
        Assert.DoesNotContain("context.history", finished.Timings.Keys);
        var messages = _server.Requests.Last(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Body["messages"]!.AsArray()
            .Select(m => ((string?)m!["role"], m["content"] is System.Text.Json.Nodes.JsonValue v ? (string?)v ?? "" : m["content"]!.ToJsonString())).ToList();
        Assert.Contains(("user", "Who is the giant in the cave?"), messages);
        Assert.Contains(("assistant", string.Concat(FakeModelServer.ChatPieces)), messages);
        Assert.Single(messages, m => m.Item2.Contains("And what does Edward catch?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_users_message_is_saved_before_the_model_is_called_and_the_answer_is_the_only_model_call()
    {
        var request = NewTurn();
        var savedWhenModelCalled = -1;
        _server.BeforeChat = async () => savedWhenModelCalled = (await MessagesAsync(request.ConversationId)).Count(m => m.Role == MessageRole.User);

        var events = await RunAsync(request);

        Assert.Equal(1, savedWhenModelCalled);
        Assert.IsType<UserMessageStored>(events[0]);
        Assert.Equal(1, _server.ChatRequests);
        var finished = Assert.IsType<AnswerFinished>(events[^1]).Message;
        Assert.Equal(MessageStatus.Complete, finished.Status);
        Assert.Equal(string.Concat(FakeModelServer.ChatPieces), finished.Content);
        Assert.Equal(FakeModelServer.ChatPieces, events.OfType<AnswerDelta>().Select(d => d.Text));
        Assert.All(["access", "conversation", "intent", "context", "context.global", "context.embedding", "context.retrieval", "context.own", "pre_model", "first_token", "generation", "save", "usage"], step => Assert.Contains(step, finished.Timings.Keys));
        var stored = await MessagesAsync(request.ConversationId);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], stored.Select(m => m.Role));
        // The row holds every step up to its own save (timing the save would need a second write); metrics get all.
        Assert.Equal(finished.Timings.Keys.Where(k => k is not ("save" or "usage")).Order(), stored[1].Timings.Keys.Order());
    }

    [Fact]
    public async Task A_rate_limited_answer_is_retried_once_after_retry_after()
    {
        _server.ChatFaults.Enqueue("429");

        var finished = Assert.IsType<AnswerFinished>((await RunAsync(NewTurn()))[^1]).Message;

        Assert.Equal(MessageStatus.Complete, finished.Status);
        Assert.Equal(2, _server.ChatRequests);
    }

    [Fact]
    public async Task A_server_error_is_retried_once_and_a_second_one_fails_the_answer_but_keeps_the_question()
    {
        _server.ChatFaults.Enqueue("500");
        var first = Assert.IsType<AnswerFinished>((await RunAsync(NewTurn()))[^1]).Message;
        _server.ChatFaults.Enqueue("500");
        _server.ChatFaults.Enqueue("503");
        var request = NewTurn();
        var second = Assert.IsType<AnswerFinished>((await RunAsync(request))[^1]).Message;

        Assert.Equal(MessageStatus.Complete, first.Status);
        Assert.Equal(MessageStatus.Failed, second.Status);
        Assert.Contains("HTTP 503", second.Error);
        Assert.Equal(4, _server.ChatRequests);
        Assert.Contains(await MessagesAsync(request.ConversationId), m => m.Role == MessageRole.User && m.Content == request.Text);
    }

    [Fact]
    public async Task A_dropped_stream_keeps_the_partial_answer_as_incomplete_and_a_retry_replaces_it_without_duplicates()
    {
        _server.ChatFaults.Enqueue("drop");
        var request = NewTurn();

        var dropped = Assert.IsType<AnswerFinished>((await RunAsync(request))[^1]).Message;
        var retried = Assert.IsType<AnswerFinished>((await RunAsync(request))[^1]).Message;

        Assert.Equal(MessageStatus.Incomplete, dropped.Status);
        Assert.Equal(FakeModelServer.ChatPieces[0], dropped.Content);
        Assert.Equal(MessageStatus.Complete, retried.Status);
        Assert.Equal(dropped.Id, retried.Id);
        var stored = await MessagesAsync(request.ConversationId);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], stored.Select(m => m.Role));
        Assert.Equal(string.Concat(FakeModelServer.ChatPieces), stored[1].Content);
    }

    [Fact]
    public async Task A_silent_model_fails_at_the_first_token_timeout()
    {
        using var host = ChatTestHost.Build(database, _server.Url, ("Ai:FirstTokenTimeout", "00:00:00.5"));
        var request = NewTurn("Is this slow scene consistent?");
        var events = new List<ChatEvent>();
        await foreach (var e in host.Services.GetRequiredService<ChatPipeline>().SendAsync(_user, request, TestContext.Current.CancellationToken)) events.Add(e);

        var finished = Assert.IsType<AnswerFinished>(events[^1]).Message;
        Assert.Equal(MessageStatus.Failed, finished.Status);
        Assert.Contains("FirstTokenTimeout", finished.Error);
    }

    [Fact]
    public async Task Another_users_thread_cannot_be_written_to()
    {
        var request = NewTurn();
        await RunAsync(request);
        var stranger = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");

        await Assert.ThrowsAsync<WritersRoom.Web.Scripts.ScriptNotFoundException>(async () =>
        {
            await foreach (var _ in Pipeline.SendAsync(stranger, request with { IdempotencyKey = "x", NewConversation = false }, TestContext.Current.CancellationToken)) { }
        });
    }

    [Fact]
    public async Task Global_context_is_cached_after_the_first_turn_and_reloaded_after_invalidation()
    {
        var source = _host.Services.GetRequiredService<WritersRoom.Web.Bible.GlobalContextCache>();
        await using (var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.OutlineItems.Add(new OutlineItem { ScriptId = _script, Rank = "a", Title = "Act one" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var first = (await source.Get(_script)).ToPromptText();
        await using (var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
            await db.OutlineItems.Where(o => o.ScriptId == _script).ExecuteUpdateAsync(s => s.SetProperty(o => o.Title, "Act one, revised"), TestContext.Current.CancellationToken);
        var (cachedTask, hit) = source.GetWithOutcome(_script);
        var cached = (await cachedTask).ToPromptText();
        await source.Invalidate(_script, TestContext.Current.CancellationToken);
        var (reloadedTask, hitAfterChange) = source.GetWithOutcome(_script);
        var reloaded = (await reloadedTask).ToPromptText();

        Assert.Contains("Act one", first);
        Assert.Equal(first, cached);
        Assert.True(hit);
        Assert.False(hitAfterChange);
        Assert.Contains("Act one, revised", reloaded);
    }
}
