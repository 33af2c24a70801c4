using Bunit;
using WritersRoom.Core.Screenplay;
using WritersRoom.Web.Components.Screenplay;
using static WritersRoom.Web.Tests.Components.Screenplay.Documents;

namespace WritersRoom.Web.Tests.Components.Screenplay;

public sealed class ScreenplayViewTests : IDisposable
{
    private readonly BunitContext context = MudTestContext.Create();

    public void Dispose() => context.Dispose();

    [Fact]
    public void Every_paragraph_is_a_block_with_its_id_and_element_type()
    {
        var heading = Block(ElementType.SceneHeading, "INT. KITCHEN - NIGHT");
        var action = Block(ElementType.Action, "Flour everywhere.");
        var cue = Block(ElementType.Character, "MARGOT");
        var line = Block(ElementType.Dialogue, "Wash your hands.");
        var cut = Block(ElementType.Transition, "CUT TO:");

        var view = context.Render<ScreenplayView>(p => p.Add(v => v.Document, Script(Scene(null, heading, action, cue, line, cut))));

        var blocks = view.FindAll("[data-testid=block]");
        Assert.Equal([heading.Id, action.Id, cue.Id, line.Id, cut.Id], blocks.Select(b => Guid.Parse(b.GetAttribute("data-block-id")!)));
        Assert.Equal(["scene_heading", "action", "character", "dialogue", "transition"], blocks.Select(b => b.GetAttribute("data-type")));
        Assert.Single(view.FindAll("[data-testid=editor]"));
    }

    [Fact]
    public void Fountain_emphasis_renders_as_em_strong_and_u()
    {
        var view = context.Render<ScreenplayView>(p => p.Add(v => v.Document,
            Script(Scene(null, Block(ElementType.Action, "She is *tired*, **furious** and _late_.")))));

        var block = view.Find("[data-testid=block]");
        Assert.Equal("tired", block.QuerySelector("em")?.TextContent);
        Assert.Equal("furious", block.QuerySelector("strong")?.TextContent);
        Assert.Equal("late", block.QuerySelector("u")?.TextContent);
        Assert.Equal("She is tired, furious and late.", block.TextContent);
    }

    [Fact]
    public void Markup_in_the_script_is_shown_as_text_not_run()
    {
        const string text = "<script>alert('x')</script><img src=x onerror=alert(1)> **<b>bold</b>**";
        var view = context.Render<ScreenplayView>(p => p.Add(v => v.Document, Script(Scene(null, Block(ElementType.Action, text)))));

        var block = view.Find("[data-testid=block]");
        Assert.Empty(block.QuerySelectorAll("script, img, b"));
        Assert.Equal("<script>alert('x')</script><img src=x onerror=alert(1)> <b>bold</b>", block.TextContent);
        Assert.Equal("<b>bold</b>", block.QuerySelector("strong")?.TextContent);
    }

    [Fact]
    public void A_character_shows_its_extension_in_parentheses()
    {
        var view = context.Render<ScreenplayView>(p => p.Add(v => v.Document,
            Script(Scene(null, Block(ElementType.Character, "RADIO HOST", "V.O."), Block(ElementType.Dialogue, "Fog until nine.")))));

        Assert.Equal("RADIO HOST (V.O.)", view.Find("[data-type=character]").TextContent);
    }
}
