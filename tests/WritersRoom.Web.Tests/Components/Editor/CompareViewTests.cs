using Bunit;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.History;
using WritersRoom.Web.Components.Editor.Review;
using WritersRoom.Web.Editing.History;

namespace WritersRoom.Web.Tests.Components.Editor;

public sealed class CompareViewTests
{
    private static ScriptVersion Parse(string fountain) => ScriptVersion.FromScreenplay(FountainParser.Parse(fountain));

    [Fact]
    public async Task Changed_scenes_show_their_changes_with_context_and_unchanged_scenes_stay_folded_until_asked()
    {
        var older = Parse("INT. A - DAY\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nEXT. B - NIGHT\n\nQuiet.\n\nINT. C - DAY\n\nGone soon.\n");
        var scenes = older.Scenes;
        var a = scenes[0] with { Paragraphs = scenes[0].Paragraphs.Select(p => p.Text == "Five." ? p with { Text = "Five, now six." } : p).ToList() };
        var newer = new ScriptVersion([a, scenes[1]]);
        var comparison = new VersionComparison("Draft 1", "Current script", ScriptComparer.Compare(older, newer));
        await using var context = MudTestContext.Create();

        var view = context.Render<CompareView>(p => p.Add(c => c.Comparison, comparison));

        Assert.Equal("1 scene changed · 1 scene removed", view.Find("[data-testid=compare-summary]").TextContent);
        Assert.Equal(["changed", "removed"], view.FindAll("[data-testid=compare-scene]").Select(s => s.GetAttribute("data-change")));
        var shown = view.FindAll("[data-testid=compare-scene]")[0].QuerySelectorAll("[data-testid=compare-paragraph]");
        // The changed paragraph and its unchanged neighbour; the four before folded into a count.
        Assert.Equal(["unchanged", "changed"], shown.Select(p => p.GetAttribute("data-change")));
        Assert.Equal("Four.", shown[0].TextContent.Trim());
        Assert.Contains("4 paragraphs unchanged", view.Markup);
        Assert.Contains("now six", shown[1].QuerySelector("ins")!.TextContent);
        Assert.Contains("1 changed", view.Find("[data-testid=compare-scene] .wr-compare-badge").TextContent);

        view.Find("[data-testid=compare-show-unchanged]").Change(true);
        Assert.Equal(3, view.FindAll("[data-testid=compare-scene]").Count);
    }

    [Fact]
    public async Task Two_identical_versions_say_so()
    {
        var version = Parse("INT. A - DAY\n\nOne.\n");
        var comparison = new VersionComparison("A", "B", ScriptComparer.Compare(version, version));
        await using var context = MudTestContext.Create();

        var view = context.Render<CompareView>(p => p.Add(c => c.Comparison, comparison));

        Assert.NotNull(view.Find("[data-testid=compare-identical]"));
        Assert.Empty(view.FindAll("[data-testid=compare-scene]"));
    }
}
