using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Scripts;
using WritersRoom.Web.Components.Editor.Review;
using WritersRoom.Web.Editing.History;

namespace WritersRoom.Web.Tests.Components.Editor;

// Each call here is short and bounded; the shared host is what stops work, not a token.
#pragma warning disable xUnit1051
public sealed class HistoryPanelTests(ReviewPanelHost host) : IClassFixture<ReviewPanelHost>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n";

    private HistoryService History => host.Editing.Host.Services.GetRequiredService<HistoryService>();

    private static IRenderedComponent<HistoryPanel> Render(BunitContext context, Guid script, ScriptRole role, EditorEvents events) =>
        context.Render<HistoryPanel>(p => p.Add(c => c.ScriptId, script).Add(c => c.Role, role).Add(c => c.Events, events));

    [Fact]
    public async Task A_writer_saves_a_named_version_and_it_heads_the_list()
    {
        var (script, owner, _) = await host.ScriptAsync(Fountain);
        await using var context = host.Context(owner);
        var panel = Render(context, script, ScriptRole.Owner, new EditorEvents());
        panel.WaitForElement("[data-testid=history-empty]", ReviewPanelHost.Wait);

        panel.Find("[data-testid=snapshot-name]").Input("Table read");
        panel.Find("[data-testid=snapshot-create]").Click();

        var item = panel.WaitForElement("[data-testid=snapshot-item]", ReviewPanelHost.Wait);
        Assert.Equal("named", item.GetAttribute("data-kind"));
        Assert.Contains("Table read", item.TextContent);
        Assert.Contains("Saved", panel.Find("[data-testid=history-message]").TextContent);
    }

    [Fact]
    public async Task Restore_asks_first_then_puts_the_old_text_back_through_the_session_and_lists_the_version_it_replaced()
    {
        var (script, owner, _) = await host.ScriptAsync(Fountain);
        var events = new EditorEvents();
        using var editor = await host.AttachAsync(script, owner, events);
        var saved = await History.CreateNamedAsync(owner, script, "Draft 1");
        var action = editor.Snapshot.Blocks[1];
        await editor.SubmitAsync([EditOp.Update(action.Id, action.Version, action.Text, "Edward dives in.")]);
        await using var context = host.Context(owner);
        var panel = Render(context, script, ScriptRole.Owner, events);
        panel.WaitForElement("[data-testid=snapshot-item]", ReviewPanelHost.Wait);

        panel.Find("[data-testid=snapshot-restore]").Click();
        // The panel may re-render from the session's own event first: wait for the prompt's render.
        Assert.Contains("Everyone on the script sees it", panel.WaitForElement("[data-testid=snapshot-restore-prompt]", ReviewPanelHost.Wait).TextContent);
        Assert.Equal("Edward dives in.", editor.Session.TextOf(action.Id));
        panel.Find("[data-testid=snapshot-restore-confirm]").Click();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=snapshot-item]").Count), ReviewPanelHost.Wait);
        Assert.Equal("Edward wades in.", editor.Session.TextOf(action.Id));
        var newest = panel.FindAll("[data-testid=snapshot-item]")[0];
        Assert.Equal("before-restore", newest.GetAttribute("data-kind"));
        Assert.Contains("Before restoring “Draft 1”", newest.TextContent);
        Assert.Equal(saved.ToString(), panel.FindAll("[data-testid=snapshot-item]")[1].GetAttribute("data-snapshot-id"));
    }

    [Fact]
    public async Task A_commenter_sees_and_compares_versions_but_cannot_save_or_restore()
    {
        var (script, owner, members) = await host.ScriptAsync(Fountain, ScriptRole.Commenter);
        await History.CreateNamedAsync(owner, script, "Draft 1");
        await using var context = host.Context(members[ScriptRole.Commenter]);
        var panel = Render(context, script, ScriptRole.Commenter, new EditorEvents());

        panel.WaitForElement("[data-testid=snapshot-item]", ReviewPanelHost.Wait);
        Assert.Empty(panel.FindAll("[data-testid=snapshot-create]"));
        Assert.Empty(panel.FindAll("[data-testid=snapshot-restore]"));
        Assert.Single(panel.FindAll("[data-testid=snapshot-compare]"));
    }

    [Fact]
    public async Task Comparing_with_now_opens_the_scene_by_scene_view()
    {
        var (script, owner, _) = await host.ScriptAsync(Fountain);
        var events = new EditorEvents();
        using var editor = await host.AttachAsync(script, owner, events);
        await History.CreateNamedAsync(owner, script, "Draft 1");
        var action = editor.Snapshot.Blocks[1];
        await editor.SubmitAsync([EditOp.Update(action.Id, action.Version, action.Text, "Edward wades into the river.")]);
        await using var context = host.Context(owner);
        var dialogs = context.Render<MudDialogProvider>();
        var panel = Render(context, script, ScriptRole.Owner, events);
        panel.WaitForElement("[data-testid=snapshot-item]", ReviewPanelHost.Wait);

        panel.Find("[data-testid=snapshot-compare]").Click();

        var view = dialogs.WaitForElement("[data-testid=compare-view]", ReviewPanelHost.Wait);
        Assert.Equal("1 scene changed", dialogs.Find("[data-testid=compare-summary]").TextContent);
        Assert.Equal("changed", dialogs.Find("[data-testid=compare-scene]").GetAttribute("data-change"));
        var changed = dialogs.Find("[data-testid=compare-paragraph][data-change=changed]");
        Assert.Contains("to the river", changed.QuerySelector("ins")!.TextContent);
        Assert.Equal("Current script", dialogs.Find("[data-testid=compare-newer]").TextContent);
        Assert.NotNull(view);
    }

    [Fact]
    public async Task A_snapshot_written_elsewhere_appears_in_the_list_through_the_session()
    {
        var (script, owner, members) = await host.ScriptAsync(Fountain, ScriptRole.Writer);
        var events = new EditorEvents();
        using var editor = await host.AttachAsync(script, owner, events);
        await using var context = host.Context(owner);
        var panel = Render(context, script, ScriptRole.Owner, events);
        panel.WaitForElement("[data-testid=history-empty]", ReviewPanelHost.Wait);

        await History.CreateNamedAsync(members[ScriptRole.Writer], script, "Their version");

        panel.WaitForAssertion(() => Assert.Contains("Their version", panel.Find("[data-testid=snapshot-item]").TextContent), ReviewPanelHost.Wait);
    }
}
