using Bunit;
using Microsoft.EntityFrameworkCore;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Chat;
using WritersRoom.Web.Tests.Chat;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Chat;

/// <summary>Threads beside the chat, with the offline provider (the default) answering.</summary>
public sealed class ChatWorkspaceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Script = "INT. RIVER - DAY\n\nEdward catches the giant catfish in the muddy river.\n\nEXT. CAVE - DAY\n\nKarl the giant sulks in his cave.\n";

    private async Task<(string Owner, string Writer, Guid Script)> RoomAsync()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        var writer = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        var script = await ChatSeed.ImportAsync(database.Factory, Script, owner);
        await ChatSeed.MemberAsync(database.Factory, script, writer);
        return (owner, writer, script);
    }

    private static List<string> Titles(IRenderedComponent<ChatWorkspace> panel, bool mine) =>
        panel.FindAll($"[data-testid=chat-thread][data-mine={(mine ? "true" : "false")}] .chat-thread-title").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_member_sees_their_threads_and_the_rooms_shared_ones_but_never_another_members_private_thread()
    {
        var (owner, writer, script) = await RoomAsync();
        await using var chat = ChatComponents.Create(database, writer, null);
        await chat.ThreadAsync(script, owner, "Owner private notes", shared: false);
        await chat.ThreadAsync(script, owner, "Owner shared with the room", shared: true);
        await chat.ThreadAsync(script, writer, "Writer's own question");

        var panel = chat.Context.Render<ChatWorkspace>(p => p.Add(w => w.ScriptId, script));

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=chat-thread]").Count));
        Assert.Equal(["Writer's own question"], Titles(panel, mine: true));
        Assert.Equal(["Owner shared with the room"], Titles(panel, mine: false));
        Assert.DoesNotContain("Owner private notes", panel.Markup);
        // Another member's thread offers no rename, share or delete.
        var shared = panel.Find("[data-testid=chat-thread][data-mine=false]");
        Assert.Null(shared.QuerySelector("[data-testid=chat-thread-delete]"));
    }

    /// <summary>
    /// The thread list re-renders when the background title arrives, which can replace an element between finding
    /// and clicking it: the action is retried on the next render, never skipped.
    /// </summary>
    private static void Act(IRenderedComponent<ChatWorkspace> panel, Action action) => panel.WaitForAssertion(action);

    [Fact]
    public async Task A_new_thread_starts_with_the_first_question_and_can_be_renamed_shared_and_deleted()
    {
        var (owner, _, script) = await RoomAsync();
        await using var chat = ChatComponents.Create(database, owner, null);
        var panel = chat.Context.Render<ChatWorkspace>(p => p.Add(w => w.ScriptId, script));
        panel.WaitForElement("[data-testid=chat-input]");
        Assert.Equal("true", panel.Find("[data-testid=chat-provider]").GetAttribute("data-offline"));

        Act(panel, () => panel.Find("[data-testid=chat-input]").Input("Who catches the catfish in the river?"));
        Act(panel, () => panel.Find("form.chat-input").Submit());
        panel.WaitForAssertion(() => Assert.Equal("complete", panel.Find("[data-testid=chat-message][data-role=assistant]").GetAttribute("data-status")));
        panel.WaitForAssertion(() => Assert.Equal(["Who catches the catfish in the river?"], Titles(panel, mine: true)));
        var thread = Guid.Parse(panel.Find("[data-testid=chat-thread]").GetAttribute("data-thread-id")!);
        Assert.Contains("selected", panel.Find("[data-testid=chat-thread]").ClassList);

        Act(panel, () => panel.Find("[data-testid=chat-thread-rename]").Click());
        Act(panel, () => panel.Find("[data-testid=chat-thread-title-input]").Input("The catfish"));
        Act(panel, () => panel.Find(".chat-thread-rename").Submit());
        panel.WaitForAssertion(() => Assert.Equal(["The catfish"], Titles(panel, mine: true)));

        Act(panel, () => panel.Find("[data-testid=chat-thread-share]").Click());
        panel.WaitForAssertion(() => Assert.Equal("true", panel.Find("[data-testid=chat-thread]").GetAttribute("data-shared")));

        Act(panel, () => panel.Find("[data-testid=chat-thread-new]").Click());
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=chat-message]")));

        Act(panel, () => panel.Find("[data-testid=chat-thread-delete]").Click());
        Act(panel, () => panel.Find("[data-testid=chat-thread-delete-confirm]").Click());
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=chat-thread]")));

        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(await db.Conversations.AnyAsync(c => c.Id == thread, TestContext.Current.CancellationToken));
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == thread, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Opening_a_thread_shows_its_messages_and_the_offline_answer_cites_the_scene()
    {
        var (owner, _, script) = await RoomAsync();
        await using var chat = ChatComponents.Create(database, owner, null);
        var panel = chat.Context.Render<ChatWorkspace>(p => p.Add(w => w.ScriptId, script).Add(w => w.Compact, true));
        panel.WaitForElement("[data-testid=chat-input]");
        panel.Find("[data-testid=chat-input]").Input("Where does Karl the giant sulk?");
        panel.Find("form.chat-input").Submit();
        panel.WaitForAssertion(() => Assert.Equal("complete", panel.Find("[data-testid=chat-message][data-role=assistant]").GetAttribute("data-status")));
        panel.Find("[data-testid=chat-thread-new]").Click();
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=chat-message]")));

        panel.Find("[data-testid=chat-threads-toggle]").Click();
        // The list is read from the database after the toggle: wait for it rather than race it.
        panel.WaitForElement("[data-testid=chat-thread] .chat-thread-open").Click();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=chat-message]").Count));
        var cave = await SceneIdAsync(script, "EXT. CAVE - DAY");
        Assert.Contains(panel.FindAll("[data-testid=chat-message][data-role=assistant] [data-testid=citation]"),
            a => a.GetAttribute("data-scene-id") == cave.ToString());
    }

    [Fact]
    public async Task A_non_member_gets_no_threads_no_messages_and_no_way_to_ask()
    {
        var (owner, _, script) = await RoomAsync();
        var stranger = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        await using var chat = ChatComponents.Create(database, stranger, null);
        var thread = await chat.ThreadAsync(script, owner, "Owner shared with the room", shared: true);

        var panel = chat.Context.Render<ChatWorkspace>(p => p.Add(w => w.ScriptId, script));
        var view = chat.Context.Render<ChatView>(p => p.Add(v => v.ScriptId, script).Add(v => v.ThreadId, thread));

        panel.WaitForElement("[data-testid=chat-error]");
        Assert.Empty(panel.FindAll("[data-testid=chat-thread]"));
        Assert.Empty(panel.FindAll("[data-testid=chat-input]"));
        Assert.DoesNotContain("Owner shared", panel.Markup);
        view.WaitForElement("[data-testid=chat-error]");
        Assert.Empty(view.FindAll("[data-testid=chat-message]"));
        Assert.True(view.Find("[data-testid=chat-input]").HasAttribute("disabled"));
        await Assert.ThrowsAsync<WritersRoom.Web.Scripts.ScriptNotFoundException>(() =>
            chat.Context.Services.GetService<WritersRoom.Web.Chat.ChatThreads>()!.MessagesAsync(stranger, script, thread, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Another_members_private_thread_cannot_be_opened_or_written_to()
    {
        var (owner, writer, script) = await RoomAsync();
        await using var chat = ChatComponents.Create(database, writer, null);
        var thread = await chat.ThreadAsync(script, owner, "Owner private notes");

        var view = chat.Context.Render<ChatView>(p => p.Add(v => v.ScriptId, script).Add(v => v.ThreadId, thread));

        view.WaitForElement("[data-testid=chat-error]");
        Assert.DoesNotContain("Owner private notes", view.Markup);
        Assert.True(view.Find("[data-testid=chat-input]").HasAttribute("disabled"));
        var threads = chat.Context.Services.GetService<WritersRoom.Web.Chat.ChatThreads>()!;
        Assert.False(await threads.RenameAsync(writer, script, thread, "Mine now", TestContext.Current.CancellationToken));
        Assert.False(await threads.DeleteAsync(writer, script, thread, TestContext.Current.CancellationToken));
        Assert.Single(await ChatComponents.MessagesAsync(database, thread));
    }

    private async Task<Guid> SceneIdAsync(Guid script, string heading) =>
        (await ChatComponents.ScenesAsync(database, script)).Single(s => s.Heading == heading).SceneId;
}
