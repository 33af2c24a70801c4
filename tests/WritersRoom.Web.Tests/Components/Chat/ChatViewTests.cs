using System.Threading.Channels;
using AngleSharp.Dom;
using Bunit;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Chat;
using WritersRoom.Web.Tests.Ai;
using WritersRoom.Web.Tests.Chat;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Chat;

/// <summary>The conversation view against the real pipeline and the OpenAI connector talking to the loopback fake model.</summary>
public sealed class ChatViewTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Script = "INT. RIVER - DAY\n\nEdward catches the giant catfish.\n\nEXT. CAVE - DAY\n\nKarl the giant sulks.\n";
    private FakeModelServer server = null!;
    private string user = "";
    private Guid script;

    public async ValueTask InitializeAsync()
    {
        server = await FakeModelServer.StartAsync();
        user = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        script = await ChatSeed.ImportAsync(database.Factory, Script, user, embed: false);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private ChatComponents Components(params (string Key, string Value)[] settings) => ChatComponents.Create(database, user, server.Url, settings);

    private static void Ask(IRenderedComponent<ChatView> view, string question)
    {
        view.Find("[data-testid=chat-input]").Input(question);
        // Fire and go on: the send handler lasts as long as the answer streams.
        view.Find("form.chat-input").Submit();
    }

    private static IElement Answer<T>(IRenderedComponent<T> view) where T : ChatView =>
        view.FindAll("[data-testid=chat-message][data-role=assistant]")[^1];

    [Fact]
    public async Task Each_token_re_renders_the_streaming_message_and_nothing_else()
    {
        await using var chat = Components();
        chat.Context.ComponentFactories.Add<ChatMessageList, CountingMessageList>();
        chat.Context.ComponentFactories.Add<ChatMessageItem, CountingMessageItem>();
        chat.Context.ComponentFactories.Add<ChatInput, CountingChatInput>();
        var thread = await chat.ThreadAsync(script, user, "Who is Karl?");
        var earlier = await SendDirectlyAsync(chat, thread, "And who is Edward?");
        var view = chat.Context.Render<CountingChatView>(p => p.Add(v => v.ScriptId, script).Add(v => v.ThreadId, thread));
        view.WaitForAssertion(() => Assert.Equal(3, view.FindAll("[data-testid=chat-message]").Count));
        Assert.Contains(earlier, view.Markup);
        var tokens = Channel.CreateUnbounded<string>();
        server.ManualAnswer = tokens;

        view.Find("[data-testid=chat-input]").Input("Where is the cave?");
        view.Find("form.chat-input").Submit();
        await tokens.Writer.WriteAsync("The", TestContext.Current.CancellationToken);
        var items = () => view.FindComponents<CountingMessageItem>().Select(c => c.Instance).ToList();
        view.WaitForAssertion(() => Assert.Contains("The", items().Single(i => i.Message.Status == MessageViewStatus.Streaming).Message.Content));
        var streaming = items().Single(i => i.Message.Status == MessageViewStatus.Streaming);
        var others = items().Where(i => !ReferenceEquals(i, streaming)).ToList();
        var list = view.FindComponent<CountingMessageList>().Instance;
        var input = view.FindComponent<CountingChatInput>().Instance;
        var before = (Streaming: streaming.Renders, View: view.Instance.Renders, List: list.Renders, Input: input.Renders,
            Others: others.Select(o => o.Renders).ToList());

        string[] pieces = [" cave", " is", " east."];
        var text = "The";
        foreach (var piece in pieces)
        {
            await tokens.Writer.WriteAsync(piece, TestContext.Current.CancellationToken);
            text += piece;
            view.WaitForAssertion(() => Assert.Equal(text, Answer(view).QuerySelector(".chat-markdown")!.TextContent.Trim()));
        }

        Assert.Equal(before.Streaming + pieces.Length, streaming.Renders);
        Assert.Equal(before.View, view.Instance.Renders);
        Assert.Equal(before.List, list.Renders);
        Assert.Equal(before.Input, input.Renders);
        Assert.Equal(before.Others, others.Select(o => o.Renders).ToList());
        Assert.Equal(4, others.Count);
        Assert.Equal("streaming", Answer(view).GetAttribute("data-status"));
        Assert.NotNull(view.Find("[data-testid=chat-stop]"));

        tokens.Writer.Complete();
        view.WaitForAssertion(() => Assert.Equal("complete", Answer(view).GetAttribute("data-status")));
        // The input learns the turn is over in its own render, which may come just after the message's.
        view.WaitForAssertion(() =>
        {
            Assert.NotNull(view.Find("[data-testid=chat-send]"));
            Assert.Empty(view.FindAll("[data-testid=chat-stop]"));
        });
    }

    [Fact]
    public async Task Stop_keeps_the_part_that_arrived_marked_incomplete_with_a_retry()
    {
        await using var chat = Components();
        Guid? started = null;
        var view = chat.Context.Render<ChatView>(p => p.Add(v => v.ScriptId, script).Add(v => v.OnThreadStarted, id => started = id));
        var tokens = Channel.CreateUnbounded<string>();
        server.ManualAnswer = tokens;

        Ask(view, "Tell me everything about the river.");
        await tokens.Writer.WriteAsync("The river scene", TestContext.Current.CancellationToken);
        view.WaitForAssertion(() => Assert.Contains("The river scene", Answer(view).TextContent));
        view.Find("[data-testid=chat-stop]").Click();

        view.WaitForAssertion(() => Assert.Equal("incomplete", Answer(view).GetAttribute("data-status")));
        tokens.Writer.Complete();
        Assert.Contains("The river scene", Answer(view).TextContent);
        Assert.Contains("Stopped", Answer(view).TextContent);
        Assert.NotNull(Answer(view).QuerySelector("[data-testid=chat-retry]"));
        Assert.NotNull(started);
        var stored = await ChatComponents.MessagesAsync(database, started!.Value);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], stored.Select(m => m.Role));
        Assert.Equal(MessageStatus.Incomplete, stored[1].Status);
        Assert.Equal("The river scene", stored[1].Content);
    }

    [Fact]
    public async Task A_provider_failure_shows_on_the_answer_and_retry_answers_in_place_without_duplicates()
    {
        await using var chat = Components();
        Guid? thread = null;
        var view = chat.Context.Render<ChatView>(p => p.Add(v => v.ScriptId, script).Add(v => v.OnThreadStarted, id => thread = id));
        server.ChatFaults.Enqueue("500");
        server.ChatFaults.Enqueue("503");

        Ask(view, "Who catches the catfish?");

        view.WaitForAssertion(() => Assert.Equal("failed", Answer(view).GetAttribute("data-status")));
        Assert.Contains("HTTP 503", Answer(view).TextContent);
        Assert.Equal("complete", view.Find("[data-testid=chat-message][data-role=user]").GetAttribute("data-status"));
        Answer(view).QuerySelector("[data-testid=chat-retry]")!.Click();

        view.WaitForAssertion(() => Assert.Equal("complete", Answer(view).GetAttribute("data-status")));
        Assert.Contains(string.Concat(FakeModelServer.ChatPieces), Answer(view).TextContent);
        Assert.Equal(2, view.FindAll("[data-testid=chat-message]").Count);
        var stored = await ChatComponents.MessagesAsync(database, thread!.Value);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], stored.Select(m => m.Role));
        Assert.Equal(MessageStatus.Complete, stored[1].Status);
        Assert.Equal(3, server.ChatRequests);
    }

    [Fact]
    public async Task A_rate_limited_question_stays_with_the_reason_and_no_model_is_called()
    {
        await using var chat = Components(("Assistant:MessagesPerMinute", "1"));
        Guid? thread = null;
        var view = chat.Context.Render<ChatView>(p => p.Add(v => v.ScriptId, script).Add(v => v.OnThreadStarted, id => thread = id));
        Ask(view, "Who is Karl?");
        view.WaitForAssertion(() => Assert.Equal("complete", Answer(view).GetAttribute("data-status")));

        Ask(view, "And Edward?");

        view.WaitForAssertion(() => Assert.Equal("failed", view.FindAll("[data-testid=chat-message][data-role=user]")[^1].GetAttribute("data-status")));
        var refused = view.FindAll("[data-testid=chat-message][data-role=user]")[^1];
        Assert.Contains("And Edward?", refused.TextContent);
        Assert.Contains("faster than 1 a minute", refused.TextContent);
        Assert.NotNull(refused.QuerySelector("[data-testid=chat-retry]"));
        Assert.Single(view.FindAll("[data-testid=chat-message][data-role=assistant]"));
        Assert.Equal(1, server.ChatRequests);
        Assert.DoesNotContain(await ChatComponents.MessagesAsync(database, thread!.Value), m => m.Content == "And Edward?");
    }

    [Fact]
    public async Task Cited_scenes_become_links_that_open_the_scene_and_unknown_numbers_stay_text()
    {
        await using var chat = Components();
        var view = chat.Context.Render<ChatView>(p => p.Add(v => v.ScriptId, script));
        var tokens = Channel.CreateUnbounded<string>();
        server.ManualAnswer = tokens;
        var scenes = (await ChatComponents.ScenesAsync(database, script)).Where(s => s.Number > 0).Select(s => s.SceneId).ToList();

        Ask(view, "Where are the giants?");
        foreach (var piece in new[] { "Karl sulks in the cave [Scene 2]; ", "the catfish is caught in [Scene 1]. ", "See also [Scene 9]." })
            await tokens.Writer.WriteAsync(piece, TestContext.Current.CancellationToken);
        tokens.Writer.Complete();
        view.WaitForAssertion(() => Assert.Equal("complete", Answer(view).GetAttribute("data-status")));

        var inline = Answer(view).QuerySelectorAll(".chat-markdown a[data-testid=citation]");
        Assert.Equal([scenes[1].ToString(), scenes[0].ToString()], inline.Select(a => a.GetAttribute("data-scene-id")));
        Assert.All(inline, a => Assert.StartsWith($"/scripts/{script}?scene=", a.GetAttribute("href")));
        Assert.Contains("[Scene 9]", Answer(view).QuerySelector(".chat-markdown")!.TextContent);
        var sources = Answer(view).QuerySelectorAll(".chat-sources [data-testid=citation]");
        Assert.Equal(2, sources.Length);
        Assert.Contains("EXT. CAVE - DAY", sources[0].TextContent);
    }

    /// <summary>Runs one whole turn through the pipeline (as another tab would) and returns the answer.</summary>
    private async Task<string> SendDirectlyAsync(ChatComponents chat, Guid thread, string text)
    {
        var pipeline = (WritersRoom.Web.Chat.ChatPipeline)chat.Context.Services.GetService(typeof(WritersRoom.Web.Chat.ChatPipeline))!;
        var request = new WritersRoom.Web.Chat.ChatTurnRequest(script, thread, false, text, Guid.NewGuid().ToString("N"));
        string answer = "";
        await foreach (var e in pipeline.SendAsync(user, request, TestContext.Current.CancellationToken))
            if (e is WritersRoom.Web.Chat.AnswerFinished f) answer = f.Message.Content;
        return answer;
    }
}
