using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Jobs.Conversations;
using WritersRoom.Web.Tests.Ai;

namespace WritersRoom.Web.Tests.Jobs;

public sealed class ConversationJobTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Question = "Where does Will first doubt his father? I keep losing track of it in act two.";

    private ChatStore Store => new(database.DataSource, database.Factory);

    private async Task<(string User, Guid Script)> SeedAsync()
    {
        var user = await JobsTestHost.CreateUserAsync(database, $"{Guid.NewGuid():N}@example.com");
        await using var db = await database.Factory.CreateDbContextAsync();
        var script = new Script { Title = "Big Fish" };
        script.Members.Add(new ScriptMember { UserId = user, Role = Core.Scripts.ScriptRole.Owner });
        db.Scripts.Add(script);
        await db.SaveChangesAsync();
        return (user, script.Id);
    }

    /// <summary>What the chat pipeline stores for one turn: the question (creating the thread the first time), then the answer.</summary>
    private async Task AskAsync(string user, Guid script, Guid conversation, string text, bool first, string answer = "He doubts him at the river.")
    {
        var key = Guid.NewGuid().ToString("N");
        await Store.AppendUserMessageAsync(new UserTurn(conversation, script, user, text, key + ":user", first ? ChatPipeline.TitleFrom(text) : null));
        await Store.SaveAssistantMessageAsync(new Message { ConversationId = conversation, Role = MessageRole.Assistant, Content = answer, IdempotencyKey = key + ":assistant", Model = "m" });
    }

    private async Task<Conversation> ConversationAsync(Guid id)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task After_the_first_exchange_the_first_words_title_becomes_a_smart_title_and_a_writers_rename_is_never_overwritten()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = JobsTestHost.Build(database);
        var titler = host.Services.GetRequiredService<ConversationTitler>();
        var (user, script) = await SeedAsync();
        var thread = Guid.CreateVersion7();
        var renamed = Guid.CreateVersion7();

        await Store.AppendUserMessageAsync(new UserTurn(thread, script, user, Question, "k1", ChatPipeline.TitleFrom(Question)), ct);
        Assert.Equal("Where does Will first doubt his father? I…", (await ConversationAsync(thread)).Title);
        await titler.RunAsync(ct);
        Assert.True((await ConversationAsync(thread)).AutoTitled); // no answer yet: not titled before the first exchange

        await Store.SaveAssistantMessageAsync(new Message { ConversationId = thread, Role = MessageRole.Assistant, Content = "At the river.", IdempotencyKey = "k1:a" }, ct);
        await AskAsync(user, script, renamed, "Is Jenny's age consistent?", first: true);
        Assert.True(await Store.RenameAsync(renamed, script, user, "Jenny's age", ct));

        var run = await titler.RunAsync(ct);

        var titled = await ConversationAsync(thread);
        Assert.Equal("Where does Will first doubt his father", titled.Title);
        Assert.False(titled.AutoTitled);
        Assert.Equal("Jenny's age", (await ConversationAsync(renamed)).Title);
        Assert.True(run.ItemsDone >= 1);
        Assert.Equal(0, (await titler.RunAsync(ct)).ItemsDone);
    }

    [Fact]
    public async Task A_model_titles_the_thread_and_a_failing_model_backs_the_thread_off_then_titles_it_when_it_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeModelServer.StartAsync();
        var clock = new TestClock(DateTimeOffset.UtcNow);
        using var host = JobsTestHost.Build(database, clock, null,
            ("Ai:Provider", "OpenAI"), ("Ai:Endpoint", server.Url + "/v1"), ("Ai:ChatModel", "fake-chat"),
            ("Ai:EmbeddingModel", "fake-embed"), ("Ai:EmbeddingDimensions", "3"), ("Jobs:RetryBaseDelay", "00:01:00"));
        var titler = host.Services.GetRequiredService<ConversationTitler>();
        // Other tests in this class leave threads behind: title them first, so only this test's thread is pending.
        await titler.RunAsync(ct);
        var (user, script) = await SeedAsync();
        var thread = Guid.CreateVersion7();
        await AskAsync(user, script, thread, Question, first: true);

        server.ChatFaults.Enqueue("500");
        var failed = await titler.RunAsync(ct);
        Assert.Equal((0, 1), (failed.ItemsDone, failed.Failures));
        var backingOff = await ConversationAsync(thread);
        Assert.Equal((true, 1, clock.Now.AddMinutes(1)), (backingOff.AutoTitled, backingOff.TitleAttempts, backingOff.TitleRetryAt));

        var requests = server.ChatRequests;
        await titler.RunAsync(ct);
        Assert.Equal(requests, server.ChatRequests); // inside the backoff window the model is not asked

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await titler.RunAsync(ct)).ItemsDone);
        var titled = await ConversationAsync(thread);
        Assert.Equal("Hello from the fake server", titled.Title);
        Assert.Equal((false, 0, (DateTimeOffset?)null), (titled.AutoTitled, titled.TitleAttempts, titled.TitleRetryAt));
    }

    [Fact]
    public async Task A_long_thread_is_folded_into_a_rolling_summary_and_the_assistant_gets_the_summary_plus_the_messages_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = JobsTestHost.BuildWithChat(database, null, null,
            ("Assistant:SummarizeAfterMessages", "20"), ("Jobs:KeepRecentMessages", "6"));
        var summaries = host.Services.GetRequiredService<ConversationSummaries>();
        var (user, script) = await SeedAsync();
        var thread = Guid.CreateVersion7();
        for (var i = 1; i <= 10; i++) await AskAsync(user, script, thread, $"Question {i} about the witch?", first: i == 1, answer: $"Answer {i}.");
        Assert.Equal(0, (await summaries.RunAsync(ct)).ItemsDone); // 20 messages: not past the threshold yet

        await AskAsync(user, script, thread, "Question 11 about the witch?", first: false, answer: "Answer 11.");
        Assert.Equal(1, (await summaries.RunAsync(ct)).ItemsDone);

        var folded = await ConversationAsync(thread);
        Assert.Equal(16, folded.SummarizedCount); // 22 messages, the newest 6 stay verbatim
        Assert.Contains("Asked: Question 1 about the witch", folded.Summary);
        Assert.Contains("Asked: Question 8 about the witch", folded.Summary);
        Assert.DoesNotContain("Question 9", folded.Summary);
        var (summary, recent) = await Store.LoadRecentAsync(thread, script, user, 100, ct);
        Assert.Equal(folded.Summary, summary);
        Assert.Equal(["Question 9 about the witch?", "Answer 9.", "Question 10 about the witch?", "Answer 10.", "Question 11 about the witch?", "Answer 11."],
            recent.Select(m => m.Content));
        Assert.Equal(0, (await summaries.RunAsync(ct)).ItemsDone);

        // A rerun that started from the old summary (a crash between the model call and the write) changes nothing.
        var store = host.Services.GetRequiredService<ConversationWorkStore>();
        Assert.False(await store.SaveSummaryAsync(thread, null, "stale", DateTimeOffset.UtcNow, ct));
        Assert.Equal(folded.Summary, (await ConversationAsync(thread)).Summary);

        // The next turn's prompt: the summary in the system text, only the unsummarised messages replayed.
        var context = await host.Services.GetRequiredService<ChatContextBuilder>().BuildAsync(user,
            new ChatTurnRequest(script, thread, false, "And the giant?", "next"), ChatIntent.ChitChat, null, ct);
        Assert.Contains("Earlier in this conversation:", context.Prompt.System);
        Assert.Contains("Asked: Question 1 about the witch", context.Prompt.System);
        Assert.Equal(recent.Select(m => m.Content), context.Prompt.History.Select(h => h.Text));

        // The thread grows again past the threshold: the summary rolls on, keeping what it had.
        for (var i = 12; i <= 19; i++) await AskAsync(user, script, thread, $"Question {i} about the giant?", first: false, answer: $"Answer {i}.");
        Assert.Equal(1, (await summaries.RunAsync(ct)).ItemsDone);
        var rolled = await ConversationAsync(thread);
        Assert.Contains("Asked: Question 1 about the witch", rolled.Summary);
        Assert.Contains("Asked: Question 16 about the giant", rolled.Summary);
        Assert.Equal(32, rolled.SummarizedCount);
    }

    [Fact]
    public async Task The_conversation_jobs_queries_use_their_indexes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync(ct);

        async Task<string> PlanAsync(string sql)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
            return string.Join('\n', lines);
        }

        Assert.Contains("ix_conversations_pending_title", await PlanAsync(
            "SELECT id FROM conversations c WHERE c.auto_titled AND c.message_count >= 2 ORDER BY c.updated_at LIMIT 50"));
        Assert.Contains("ix_conversations_unsummarized", await PlanAsync(
            "SELECT id FROM conversations WHERE (message_count - summarized_count) > 20 ORDER BY updated_at LIMIT 20"));
    }
}
