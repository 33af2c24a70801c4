using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Editing.Rewrites;
using WritersRoom.Web.Components.Chat;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Chat;
using WritersRoom.Web.Tests.Editing;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Chat;

/// <summary>
/// The proposal card and the panel's place-in-the-editor, rendered with bUnit over the app's real services (started:
/// the live session, group commit and history writer run) and the loopback fake model that proposes through its tool.
/// </summary>
public sealed class RewriteProposalCardTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Opening = "Edward wades in with the bait.";
    private const string Rewritten = "Edward wades into the river, bait held high.";
    private RewriteRoom room = null!;

    static RewriteProposalCardTests() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    public async ValueTask InitializeAsync() => room = await RewriteRoom.StartAsync(database);

    public ValueTask DisposeAsync() => room.DisposeAsync();

    private BunitContext Context(string user)
    {
        var context = MudTestContext.Create();
        context.SignIn(user);
        context.Services.AddLogging();
        foreach (var type in new[] { typeof(RewriteService), typeof(ScriptAccess), typeof(ChatPipeline), typeof(ChatThreads), typeof(AiProviderInfo),
                     typeof(IProposalChanges) })
            context.Services.AddSingleton(type, room.Host.Services.GetRequiredService(type));
        context.Services.AddScoped<CurrentUser>();
        context.AddCircuitGuard();
        return context;
    }

    private async Task<(Message Message, RewriteProposal Proposal)> ProposeAsync(object? arguments = null)
    {
        var message = await room.AskForRewriteAsync(arguments ?? new { scene = "1", paragraph = Opening, text = Rewritten, reason = "More vivid." });
        return (message, Assert.Single(message.Proposals));
    }

    private IRenderedComponent<RewriteProposalCard> Card(BunitContext context, Message message, RewriteProposal proposal) =>
        context.Render<RewriteProposalCard>(p => p.Add(c => c.ScriptId, room.Script).Add(c => c.MessageId, message.Id).Add(c => c.Proposal, proposal));

    /// <summary>A paragraph of the diff read one way: without the inserted words (before) or without the deleted ones (after).</summary>
    private static string Read(IElement paragraph, string without)
    {
        var copy = (IElement)paragraph.Clone(true);
        foreach (var gone in copy.QuerySelectorAll(without)) gone.Remove();
        return copy.TextContent;
    }

    [Fact]
    public async Task The_diff_shows_the_words_deleted_and_inserted_and_apply_then_undo_change_the_script_and_the_card()
    {
        var (message, proposal) = await ProposeAsync();
        await using var context = Context(room.Owner);
        var card = Card(context, message, proposal);
        card.WaitForAssertion(() => Assert.False(card.Find("[data-testid=rewrite-apply]").HasAttribute("disabled")));

        var changed = card.Find("[data-testid=rewrite-diff] .rewrite-p[data-kind=changed]");
        Assert.Equal(Opening, Read(changed, "ins"));
        Assert.Equal(Rewritten, Read(changed, "del"));
        Assert.NotEmpty(changed.QuerySelectorAll("ins"));
        Assert.Equal("proposed", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status"));
        Assert.Contains("More vivid.", card.Markup);

        card.Find("[data-testid=rewrite-apply]").Click();
        card.WaitForAssertion(() => Assert.Equal("applied", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status")));
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Rewritten);
        Assert.Empty(card.FindAll("[data-testid=rewrite-apply]"));

        card.Find("[data-testid=rewrite-undo]").Click();
        card.WaitForAssertion(() => Assert.Equal("undone", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status")));
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Opening);
        Assert.Contains("Apply again", card.Find("[data-testid=rewrite-apply]").TextContent);
    }

    [Fact]
    public async Task A_decision_in_one_view_shows_at_once_in_a_co_writers_view_of_the_shared_thread_and_redraws_only_that_card()
    {
        var writer = await room.MemberAsync("writer", ScriptRole.Writer);
        var (message, proposal) = await ProposeAsync();
        await room.Host.Services.GetRequiredService<Data.Chat.ChatStore>()
            .SetSharedAsync(message.ConversationId, room.Script, room.Owner, true, TestContext.Current.CancellationToken);
        await using var owners = Context(room.Owner);
        await using var writers = Context(writer);
        var card = Card(owners, message, proposal);
        var thread = writers.Render<ChatView>(p => p.Add(v => v.ScriptId, room.Script).Add(v => v.ThreadId, message.ConversationId));
        card.WaitForAssertion(() => Assert.False(card.Find("[data-testid=rewrite-apply]").HasAttribute("disabled")));
        thread.WaitForAssertion(() => Assert.False(thread.Find("[data-testid=rewrite-apply]").HasAttribute("disabled")));
        var theirs = thread.FindComponent<RewriteProposalCard>();
        var answer = thread.FindComponents<ChatMessageItem>().Single(i => i.Instance.Message.Role == MessageRole.Assistant).Instance.Message;
        var log = thread.FindComponent<ChatMessageList>().Instance.Log;
        var (cardRenders, answerVersion, logVersion) = (theirs.RenderCount, answer.Version, log.Version);

        card.Find("[data-testid=rewrite-apply]").Click();

        thread.WaitForAssertion(() => Assert.Equal("applied", thread.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status")));
        Assert.Empty(thread.FindAll("[data-testid=rewrite-apply]"));
        Assert.True(theirs.RenderCount > cardRenders);
        // The card redrew itself: its message and the thread, which redraw only when their versions move, did not change.
        Assert.Equal(answerVersion, answer.Version);
        Assert.Equal(logVersion, log.Version);

        // The other way round: the co-writer undoes it from their view; the owner's card follows.
        thread.Find("[data-testid=rewrite-undo]").Click();

        card.WaitForAssertion(() => Assert.Equal("undone", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status")));
        Assert.Contains("Apply again", card.Find("[data-testid=rewrite-apply]").TextContent);
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Opening);
    }

    [Fact]
    public async Task A_dismissal_in_one_tab_shows_in_the_same_writers_other_tab()
    {
        var (message, proposal) = await ProposeAsync();
        await using var first = Context(room.Owner);
        await using var second = Context(room.Owner);
        var one = Card(first, message, proposal);
        var other = Card(second, message, proposal);
        one.WaitForAssertion(() => Assert.False(one.Find("[data-testid=rewrite-dismiss]").HasAttribute("disabled")));

        one.Find("[data-testid=rewrite-dismiss]").Click();

        other.WaitForAssertion(() => Assert.Equal("dismissed", other.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status")));
        Assert.Empty(other.FindAll("[data-testid=rewrite-apply]"));
    }

    [Fact]
    public async Task Dismiss_leaves_the_script_and_takes_the_buttons_away()
    {
        var (message, proposal) = await ProposeAsync();
        await using var context = Context(room.Owner);
        var card = Card(context, message, proposal);
        card.WaitForAssertion(() => Assert.False(card.Find("[data-testid=rewrite-dismiss]").HasAttribute("disabled")));

        card.Find("[data-testid=rewrite-dismiss]").Click();

        card.WaitForAssertion(() => Assert.Equal("dismissed", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status")));
        Assert.Empty(card.FindAll("[data-testid=rewrite-apply]"));
        Assert.Empty(card.FindAll("[data-testid=rewrite-undo]"));
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Opening);
    }

    [Fact]
    public async Task A_refusal_shows_its_reason_on_the_card_and_the_card_stays_proposed()
    {
        var (message, proposal) = await ProposeAsync();
        var client = new RecordingClient();
        using (var editor = await room.Editor.OpenAsync(room.Script, room.Owner, "Owner", client, TestContext.Current.CancellationToken))
        {
            var block = editor.Snapshot.Blocks.Single(b => b.Text == Opening);
            var op = EditOp.Update(block.Id, block.Version, block.Text, Opening + " Slowly.");
            await editor.SubmitAsync([op], ct: TestContext.Current.CancellationToken);
            await client.WaitCommittedAsync(op.OpId);
        }
        await using var context = Context(room.Owner);
        var card = Card(context, message, proposal);
        card.WaitForAssertion(() => Assert.False(card.Find("[data-testid=rewrite-apply]").HasAttribute("disabled")));

        card.Find("[data-testid=rewrite-apply]").Click();

        card.WaitForAssertion(() => Assert.Contains("changed since", card.Find("[data-testid=rewrite-error]").TextContent));
        Assert.Equal("proposed", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status"));
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Opening + " Slowly.");
    }

    [Fact]
    public async Task A_reader_sees_the_proposal_with_its_buttons_disabled_and_why()
    {
        var reader = await room.MemberAsync("reader", ScriptRole.Reader);
        var (message, proposal) = await ProposeAsync();
        await using var context = Context(reader);

        var card = Card(context, message, proposal);

        card.WaitForAssertion(() => Assert.Contains("Only the script's writers can apply", card.Markup));
        Assert.True(card.Find("[data-testid=rewrite-apply]").HasAttribute("disabled"));
        Assert.True(card.Find("[data-testid=rewrite-dismiss]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_whole_scene_proposal_shows_added_and_changed_paragraphs_and_counts_the_unchanged()
    {
        var (message, proposal) = await ProposeAsync(new
        {
            scene = "1", reason = "Edward answers back.",
            text = "INT. RIVER - DAY\n\nEdward wades in with the bait, grinning.\n\nWILL\nDad, that fish is a story.\n\nEDWARD\nEvery word of it true.\n",
        });
        await using var context = Context(room.Owner);

        var card = Card(context, message, proposal);

        Assert.Equal("scene", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-scope"));
        Assert.Single(card.FindAll(".rewrite-p[data-kind=changed]"));
        Assert.Equal(["EDWARD", "Every word of it true."], card.FindAll(".rewrite-p[data-kind=added]").Select(p => p.TextContent.Trim()));
        Assert.Contains("3 paragraphs unchanged", card.Markup);
    }

    [Fact]
    public async Task A_stored_answer_shows_its_proposal_card_in_the_thread()
    {
        var (message, _) = await ProposeAsync();
        await using var context = Context(room.Owner);

        var view = context.Render<ChatView>(p => p.Add(v => v.ScriptId, room.Script).Add(v => v.ThreadId, message.ConversationId));

        view.WaitForAssertion(() => Assert.Equal("proposed",
            view.Find("[data-testid=chat-message][data-role=assistant] [data-testid=rewrite-proposal]").GetAttribute("data-status")));
    }

    [Fact]
    public async Task Beside_the_editor_a_message_carries_the_cursors_scene_and_the_selection_to_the_model()
    {
        var scenes = await new Data.Chat.SceneCorpus(database.DataSource).LoadAsync(room.Script, "", null, TestContext.Current.CancellationToken);
        var focus = new EditorFocus();
        using var provided = focus.Provide(() => Task.FromResult<ChatFocus?>(new ChatFocus(scenes[1].SceneId, "scene 2 · EXT. CAVE - NIGHT", "Karl the giant sulks")));
        await using var context = Context(room.Owner);
        var view = context.Render<ChatView>(p => p.Add(v => v.ScriptId, room.Script).Add(v => v.Focus, focus));

        view.Find("[data-testid=chat-input]").Input("Make this line sadder?");
        view.Find("form.chat-input").Submit();

        view.WaitForAssertion(() => Assert.Equal("complete", view.FindAll("[data-testid=chat-message][data-role=assistant]")[^1].GetAttribute("data-status")));
        Assert.Equal("Selection in scene 2 · EXT. CAVE - NIGHT", view.Find("[data-testid=chat-message][data-role=user] [data-testid=chat-focus]").TextContent);
        var prompt = room.Model.Requests.Last(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Body["messages"]!.AsArray()
            .Last(m => (string?)m!["role"] == "user")!["content"] is JsonValue v ? (string)v! : "";
        Assert.Contains("The writer's cursor is in [Scene 2]", prompt);
        Assert.Contains("Karl the giant sulks", prompt);
    }
}
