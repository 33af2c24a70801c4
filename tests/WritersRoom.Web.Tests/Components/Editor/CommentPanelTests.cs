using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Scripts;
using WritersRoom.Web.Components.Editor.Review;
using WritersRoom.Web.Editing.Comments;

namespace WritersRoom.Web.Tests.Components.Editor;

// Each call here is short and bounded; the shared host is what stops work, not a token.
#pragma warning disable xUnit1051
public sealed class CommentPanelTests(ReviewPanelHost host) : IClassFixture<ReviewPanelHost>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n";

    private CommentService Comments => host.Editing.Host.Services.GetRequiredService<CommentService>();

    private static IRenderedComponent<CommentPanel> Render(BunitContext context, Guid script, ScriptRole role, EditorEvents events,
        Guid? caret, List<IReadOnlyList<CommentMarker>>? markers = null) =>
        context.Render<CommentPanel>(p => p
            .Add(c => c.ScriptId, script)
            .Add(c => c.Role, role)
            .Add(c => c.Events, events)
            .Add(c => c.CurrentBlock, () => Task.FromResult(caret))
            .Add(c => c.ParagraphText, _ => "Edward wades in.")
            .Add(c => c.OnMarkersChanged, list => markers?.Add(list)));

    private async Task<Guid> ActionAsync(Guid script) =>
        (await host.Editing.StoredParagraphsAsync(script)).Single(p => p.Text == "Edward wades in.").Id;

    [Fact]
    public async Task A_commenter_comments_on_the_paragraph_with_the_caret_and_the_editor_gets_a_marker()
    {
        var (script, _, members) = await host.ScriptAsync(Fountain, ScriptRole.Commenter);
        var action = await ActionAsync(script);
        await using var context = host.Context(members[ScriptRole.Commenter]);
        var markers = new List<IReadOnlyList<CommentMarker>>();
        var panel = Render(context, script, ScriptRole.Commenter, new EditorEvents(), action, markers);
        panel.WaitForElement("[data-testid=comment-empty]", ReviewPanelHost.Wait);

        panel.Find("[data-testid=comment-add]").Click();
        panel.WaitForElement("[data-testid=comment-composer]", ReviewPanelHost.Wait);
        panel.Find("[data-testid=comment-input]").Input("Is he cold?");
        panel.Find("[data-testid=comment-submit]").Click();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=comment-thread]")), ReviewPanelHost.Wait);
        var thread = panel.Find("[data-testid=comment-thread]");
        Assert.Equal(action.ToString(), thread.GetAttribute("data-block-id"));
        Assert.Contains("Is he cold?", thread.TextContent);
        Assert.Empty(panel.FindAll("[data-testid=comment-composer]"));
        Assert.Equal(new CommentMarker(action, 1, true), Assert.Single(markers[^1]));
    }

    [Fact]
    public async Task Resolving_hides_the_thread_and_its_marker_until_resolved_threads_are_shown()
    {
        var (script, owner, _) = await host.ScriptAsync(Fountain);
        var action = await ActionAsync(script);
        await Comments.AddAsync(owner, script, action, "Cut this?");
        await using var context = host.Context(owner);
        var markers = new List<IReadOnlyList<CommentMarker>>();
        var panel = Render(context, script, ScriptRole.Owner, new EditorEvents(), null, markers);
        panel.WaitForElement("[data-testid=comment-thread]", ReviewPanelHost.Wait);

        panel.Find("[data-testid=comment-resolve]").Click();

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=comment-thread]")), ReviewPanelHost.Wait);
        Assert.Empty(markers[^1]);
        panel.Find("[data-testid=comment-show-resolved]").Change(true);
        var thread = panel.WaitForElement("[data-testid=comment-thread]", ReviewPanelHost.Wait);
        Assert.Equal("true", thread.GetAttribute("data-resolved"));
        panel.Find("[data-testid=comment-reopen]").Click();
        panel.WaitForAssertion(() => Assert.Equal("false", panel.Find("[data-testid=comment-thread]").GetAttribute("data-resolved")), ReviewPanelHost.Wait);
    }

    [Fact]
    public async Task A_reader_sees_the_threads_but_no_way_to_comment_reply_or_resolve()
    {
        var (script, owner, members) = await host.ScriptAsync(Fountain, ScriptRole.Reader);
        await Comments.AddAsync(owner, script, await ActionAsync(script), "A note for the team.");
        await using var context = host.Context(members[ScriptRole.Reader]);
        var panel = Render(context, script, ScriptRole.Reader, new EditorEvents(), null);

        panel.WaitForElement("[data-testid=comment-thread]", ReviewPanelHost.Wait);
        Assert.Contains("A note for the team.", panel.Markup);
        Assert.Empty(panel.FindAll("[data-testid=comment-add]"));
        Assert.Empty(panel.FindAll("[data-testid=comment-reply-input]"));
        Assert.Empty(panel.FindAll("[data-testid=comment-resolve]"));
        Assert.Empty(panel.FindAll("[data-testid=comment-delete]"));
    }

    [Fact]
    public async Task A_comment_made_by_another_writer_appears_through_the_session_without_reloading()
    {
        var (script, owner, members) = await host.ScriptAsync(Fountain, ScriptRole.Writer);
        var action = await ActionAsync(script);
        var events = new EditorEvents();
        using var editor = await host.AttachAsync(script, owner, events);
        await using var context = host.Context(owner);
        var panel = Render(context, script, ScriptRole.Owner, events, null);
        panel.WaitForElement("[data-testid=comment-empty]", ReviewPanelHost.Wait);

        var thread = await Comments.AddAsync(members[ScriptRole.Writer], script, action, "From the other room.");
        panel.WaitForAssertion(() => Assert.Contains("From the other room.", panel.Find("[data-testid=comment-thread]").TextContent), ReviewPanelHost.Wait);

        await Comments.ReplyAsync(members[ScriptRole.Writer], script, thread.Id, "And a reply.");
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=comment]").Count), ReviewPanelHost.Wait);
    }

    [Fact]
    public async Task A_marker_click_in_the_editor_opens_a_composer_on_a_paragraph_without_threads()
    {
        var (script, owner, _) = await host.ScriptAsync(Fountain);
        var action = await ActionAsync(script);
        var events = new EditorEvents();
        await using var context = host.Context(owner);
        var panel = Render(context, script, ScriptRole.Owner, events, null);
        panel.WaitForElement("[data-testid=comment-empty]", ReviewPanelHost.Wait);

        events.Publish(new FocusComments(action, Compose: true));

        Assert.Equal(action.ToString(), panel.WaitForElement("[data-testid=comment-composer]", ReviewPanelHost.Wait).GetAttribute("data-block-id"));
    }

    [Fact]
    public async Task Asking_to_comment_with_no_paragraph_chosen_says_what_to_do()
    {
        var (script, owner, _) = await host.ScriptAsync(Fountain);
        await using var context = host.Context(owner);
        var panel = Render(context, script, ScriptRole.Owner, new EditorEvents(), null);
        panel.WaitForElement("[data-testid=comment-empty]", ReviewPanelHost.Wait);

        panel.Find("[data-testid=comment-add]").Click();

        panel.WaitForAssertion(() => Assert.Contains("Click the paragraph", panel.Find("[data-testid=comment-error]").TextContent), ReviewPanelHost.Wait);
        Assert.Empty(panel.FindAll("[data-testid=comment-composer]"));
    }
}
