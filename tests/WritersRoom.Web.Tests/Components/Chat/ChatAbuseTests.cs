using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Components.Chat;
using WritersRoom.Web.Components.Shared;
using WritersRoom.Web.Security.Circuits;
using WritersRoom.Web.Tests.Ai;
using WritersRoom.Web.Tests.Chat;
using WritersRoom.Web.Tests.Editing;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Chat;

/// <summary>
/// A hostile browser on the chat, through the events the browser sends (input, submit): a message past the limit that the
/// textarea's maxlength would stop but a forged event does not, and a flood of sends.
/// </summary>
public sealed class ChatAbuseTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Script = "INT. RIVER - DAY\n\nEdward catches the giant catfish.\n";
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

    private static void Ask(IRenderedComponent<ChatView> view, string question)
    {
        view.Find("[data-testid=chat-input]").Input(question);
        view.Find("form.chat-input").Submit();
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Questions(IRenderedComponent<ChatView> view) =>
        view.FindAll("[data-testid=chat-message][data-role=user]");

    [Fact]
    public async Task A_message_past_the_limit_from_a_forged_input_event_is_refused_with_the_reason_logged_and_nothing_is_stored()
    {
        var logs = new LogRecorder();
        await using var chat = ChatComponents.Create(database, user, server.Url, null, [], logs);
        Guid? thread = null;
        var view = chat.Context.Render<ChatView>(p => p.Add(v => v.ScriptId, script).Add(v => v.OnThreadStarted, id => thread = id));
        var oversize = "Who is Edward? " + new string('x', ChatLimits.MaxMessageChars);

        Ask(view, oversize);

        view.WaitForAssertion(() => Assert.Equal("failed", Questions(view)[^1].GetAttribute("data-status")));
        Assert.Contains($"That message is {oversize.Length:N0} characters; the assistant takes at most {ChatLimits.MaxMessageChars:N0}",
            Questions(view)[^1].QuerySelector("[data-testid=chat-note]")!.TextContent);
        Assert.Empty(view.FindAll("[data-testid=chat-message][data-role=assistant]"));
        Assert.Equal(0, server.ChatRequests);
        Assert.Null(thread);
        await using (var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
            Assert.False(await db.Messages.AnyAsync(m => m.Content.Length > ChatLimits.MaxMessageChars, TestContext.Current.CancellationToken));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning
            && e.Message.StartsWith($"Refused a chat message from {user} on script {script} ({oversize.Length} characters)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_thread_title_past_the_limit_is_refused_with_a_reason_and_the_title_is_kept()
    {
        await using var chat = ChatComponents.Create(database, user, server.Url);
        var thread = await chat.ThreadAsync(script, user, "Who is Edward?");
        var threads = chat.Host.Services.GetRequiredService<ChatThreads>();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            threads.RenameAsync(user, script, thread, new string('t', ChatThreads.MaxTitleLength + 1), TestContext.Current.CancellationToken));

        Assert.StartsWith($"A thread's title is at most {ChatThreads.MaxTitleLength} characters.", refused.Message);
        var listed = Assert.Single(await threads.ListAsync(user, script, TestContext.Current.CancellationToken), t => t.Id == thread);
        Assert.Equal("Who is Edward?", listed.Title);
    }

    [Fact]
    public async Task A_flood_of_sends_is_rate_limited_and_past_the_refusal_limit_the_circuit_ends()
    {
        await using var chat = ChatComponents.Create(database, user, server.Url, o => o.MaxRefusals = 3, [("Assistant:MessagesPerMinute", "1")]);
        chat.Context.Render<CircuitGuardian>();
        var view = chat.Context.Render<ChatView>(p => p.Add(v => v.ScriptId, script));
        Ask(view, "Who is Edward?");
        view.WaitForAssertion(() => Assert.Equal("complete", view.FindAll("[data-testid=chat-message][data-role=assistant]")[^1].GetAttribute("data-status")));

        for (var i = 1; i <= 3; i++)
        {
            Ask(view, $"Flood {i}");
            view.WaitForAssertion(() => Assert.Equal(i, Questions(view).Count(q => q.GetAttribute("data-status") == "failed")));
            Assert.Contains("faster than 1 a minute", Questions(view)[^1].TextContent);
        }
        Assert.False(chat.Context.Renderer.UnhandledException.IsCompleted);
        Ask(view, "Flood 4");

        var ended = Assert.IsType<CircuitEndedException>(await chat.Context.Renderer.UnhandledException.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Contains("4 refused requests", ended.Reason);
        Assert.Contains("faster than 1 a minute", ended.Reason);
        Assert.Equal(1, server.ChatRequests);
    }
}
