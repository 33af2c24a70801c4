using Bunit;
using WritersRoom.Core.Scripts;
using WritersRoom.Web.Components.Editor.Review;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Tests.Components.Editor;

// Each call here is short and bounded; the shared host is what stops work, not a token.
#pragma warning disable xUnit1051
public sealed class RevisionControlTests(ReviewPanelHost host) : IClassFixture<ReviewPanelHost>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n";

    [Fact]
    public async Task A_writer_switches_revision_mode_on_for_the_live_session()
    {
        var (script, owner, _) = await host.ScriptAsync(Fountain);
        var events = new EditorEvents();
        using var editor = await host.AttachAsync(script, owner, events);
        await using var context = host.Context(owner);
        var control = context.Render<RevisionControl>(p => p.Add(c => c.ScriptId, script).Add(c => c.CanEdit, true).Add(c => c.Events, events));

        control.Find("[data-testid=revision-mode]").Change(true);

        control.WaitForAssertion(() => Assert.Equal("true", control.Find("[data-testid=revision-control]").GetAttribute("data-on")), ReviewPanelHost.Wait);
        Assert.Equal((true, "Blue"), editor.Session.Revision);
    }

    [Fact]
    public async Task A_reader_sees_the_colour_in_use_and_no_switch_and_follows_changes_made_by_others()
    {
        var (script, owner, members) = await host.ScriptAsync(Fountain, ScriptRole.Reader);
        var events = new EditorEvents();
        using var editor = await host.AttachAsync(script, members[ScriptRole.Reader], events);
        await using var context = host.Context(members[ScriptRole.Reader]);
        var control = context.Render<RevisionControl>(p => p.Add(c => c.ScriptId, script).Add(c => c.CanEdit, false).Add(c => c.Events, events));
        Assert.Empty(control.FindAll("[data-testid=revision-mode]"));

        var revisions = (Web.Editing.Revisions.RevisionService)host.Editing.Host.Services.GetService(typeof(Web.Editing.Revisions.RevisionService))!;
        await revisions.SetAsync(owner, script, true, "Goldenrod");

        control.WaitForAssertion(() => Assert.Contains("Goldenrod revision", control.Markup), ReviewPanelHost.Wait);
        Assert.Equal("Goldenrod", control.Find("[data-testid=revision-control]").GetAttribute("data-color"));
    }
}
