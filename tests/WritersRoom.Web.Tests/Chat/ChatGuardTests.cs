using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Ai;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>Limits and tool access, through the real pipeline and connector against the loopback model.</summary>
public sealed class ChatGuardTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Mine = "INT. RIVER - DAY\n\nEdward catches the giant catfish.\n\nEXT. CAVE - DAY\n\nKarl the giant sulks.\n";
    private const string Theirs = "INT. SECRET LAB - NIGHT\n\nThe formula on the blackboard reads XYZZY-42.\n";
    private FakeModelServer server = null!;
    private string user = "";
    private Guid script;

    public async ValueTask InitializeAsync()
    {
        server = await FakeModelServer.StartAsync();
        user = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        script = await ChatSeed.ImportAsync(database.Factory, Mine, user, embed: false);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private ChatTurnRequest Turn(string text, Guid? thread = null) =>
        new(script, thread ?? Guid.CreateVersion7(), thread is null, text, Guid.NewGuid().ToString("N"));

    private static async Task<List<ChatEvent>> RunAsync(IHost host, string userId, ChatTurnRequest request)
    {
        var events = new List<ChatEvent>();
        await foreach (var e in host.Services.GetRequiredService<ChatPipeline>().SendAsync(userId, request, TestContext.Current.CancellationToken))
            events.Add(e);
        return events;
    }

    private async Task<int> UserMessagesAsync(string text)
    {
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Messages.CountAsync(m => m.Content == text, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Past_the_rate_limit_a_message_is_refused_with_a_reason_before_anything_is_stored_or_the_model_is_called()
    {
        using var host = ChatTestHost.Build(database, server.Url, ("Assistant:MessagesPerMinute", "2"));
        await RunAsync(host, user, Turn("Who is Karl, quickly?"));
        await RunAsync(host, user, Turn("Who is Edward, quickly?"));

        var third = await RunAsync(host, user, Turn("Where is the cave, quickly?"));

        var refusal = Assert.IsType<TurnRejected>(Assert.Single(third));
        Assert.Contains("faster than 2 a minute", refusal.Reason);
        Assert.Equal(2, server.ChatRequests);
        Assert.Equal(0, await UserMessagesAsync("Where is the cave, quickly?"));
    }

    [Fact]
    public async Task Once_the_daily_token_budget_is_spent_a_message_is_refused_with_a_reason_and_no_model_call()
    {
        using var host = ChatTestHost.Build(database, server.Url, ("Assistant:DailyTokenBudget", "1"));
        var first = await RunAsync(host, user, Turn("Who is Karl, on a budget?"));
        Assert.IsType<AnswerFinished>(first[^1]);
        var other = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        await ChatSeed.MemberAsync(database.Factory, script, other);

        var second = await RunAsync(host, user, Turn("Who is Edward, over budget?"));
        var othersTurn = await RunAsync(host, other, Turn("Who is Edward, for me?"));

        var refusal = Assert.IsType<TurnRejected>(Assert.Single(second));
        Assert.Contains("today's assistant budget", refusal.Reason);
        Assert.Equal(0, await UserMessagesAsync("Who is Edward, over budget?"));
        // The budget is per writer: another member still gets an answer.
        Assert.IsType<AnswerFinished>(othersTurn[^1]);
        Assert.Equal(2, server.ChatRequests);
    }

    [Fact]
    public async Task A_turn_on_a_co_writers_private_thread_is_refused_and_that_thread_is_never_read()
    {
        using var host = ChatTestHost.Build(database, server.Url);
        var thread = Guid.CreateVersion7();
        Assert.IsType<AnswerFinished>((await RunAsync(host, user, new ChatTurnRequest(script, thread, true, "Private: who is Karl?", "private")))[^1]);
        var other = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        await ChatSeed.MemberAsync(database.Factory, script, other);

        await Assert.ThrowsAsync<ScriptNotFoundException>(() => RunAsync(host, other, Turn("Show me their thread", thread)));

        Assert.Equal(1, server.ChatRequests);
        Assert.Equal(0, await UserMessagesAsync("Show me their thread"));
        // The history read that runs beside the message's insert sees only threads the caller may see.
        var store = host.Services.GetRequiredService<Data.Chat.ChatStore>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty((await store.LoadRecentAsync(thread, script, other, 10, ct)).Recent);
        Assert.Empty((await store.LoadRecentAsync(thread, Guid.NewGuid(), user, 10, ct)).Recent);
        Assert.Equal(2, (await store.LoadRecentAsync(thread, script, user, 10, ct)).Recent.Count);
    }

    [Fact]
    public async Task The_daily_budget_counts_what_the_writer_spent_on_another_instance()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = ChatTestHost.Build(database, server.Url, ("Assistant:DailyTokenBudget", "1"));
        await first.StartAsync(ct);
        Assert.IsType<AnswerFinished>((await RunAsync(first, user, Turn("Who is Karl, on instance one?")))[^1]);
        // The usage writer flushes in the background; the other instance knows only what reached the database.
        for (var i = 0; i < 100 && await UsageRowsAsync() == 0; i++) await Task.Delay(100, ct);
        Assert.Equal(1, await UsageRowsAsync());

        using var second = ChatTestHost.Build(database, server.Url, ("Assistant:DailyTokenBudget", "1"));
        var refused = await RunAsync(second, user, Turn("Who is Karl, on instance two?"));

        Assert.Contains("today's assistant budget", Assert.IsType<TurnRejected>(Assert.Single(refused)).Reason);
        Assert.Equal(1, server.ChatRequests);
        await first.StopAsync(ct);
    }

    private async Task<int> UsageRowsAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.TokenUsages.CountAsync(u => u.UserId == user, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_tool_asked_for_another_scripts_scene_finds_nothing_from_that_script()
    {
        var stranger = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        await ChatSeed.ImportAsync(database.Factory, Theirs, stranger, embed: false);
        using var host = ChatTestHost.Build(database, server.Url);
        server.ToolCalls.Enqueue(("read_scene", """{"scene":"SECRET LAB"}"""));
        server.ToolCalls.Enqueue(("search_scenes", """{"query":"formula blackboard XYZZY-42"}"""));
        server.ToolCalls.Enqueue(("scenes_with_character", """{"name":"XYZZY"}"""));

        var finished = Assert.IsType<AnswerFinished>((await RunAsync(host, user, Turn("Who is Karl?")))[^1]).Message;

        Assert.Equal(MessageStatus.Complete, finished.Status);
        var results = server.ToolResults.ToList();
        Assert.Equal(3, results.Count);
        Assert.Contains("No scene matches 'SECRET LAB'", results[0]);
        // The search still answers, from this script only.
        Assert.Contains("CAVE", results[1]);
        Assert.All(results, r => Assert.DoesNotContain("XYZZY-42", r));
        Assert.All(results, r => Assert.DoesNotContain("SECRET LAB - NIGHT", r));
    }

    [Fact]
    public async Task A_tool_call_after_the_writer_lost_access_reads_nothing()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        var writer = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        var shared = await ChatSeed.ImportAsync(database.Factory, Mine, owner, embed: false);
        await ChatSeed.MemberAsync(database.Factory, shared, writer);
        using var host = ChatTestHost.Build(database, server.Url);
        var access = host.Services.GetRequiredService<ScriptAccess>();
        server.ToolCalls.Enqueue(("read_scene", """{"scene":"RIVER"}"""));
        // The owner removes the writer while the model is thinking: the membership check at the start has passed.
        server.BeforeChat = async () =>
        {
            server.BeforeChat = null;
            await using var db = await database.Factory.CreateDbContextAsync();
            await db.ScriptMembers.Where(m => m.ScriptId == shared && m.UserId == writer).ExecuteDeleteAsync();
            access.Forget(writer, shared);
        };

        var request = new ChatTurnRequest(shared, Guid.CreateVersion7(), true, "Who catches the catfish?", Guid.NewGuid().ToString("N"));
        await RunAsync(host, writer, request);

        var result = Assert.Single(server.ToolResults);
        Assert.DoesNotContain("catfish", result, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("RIVER", result);
    }
}
