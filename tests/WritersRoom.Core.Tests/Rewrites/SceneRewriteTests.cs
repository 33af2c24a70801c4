using WritersRoom.Core.Rewrites;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.Rewrites;

public sealed class SceneRewriteTests
{
    private static readonly Guid Heading = Guid.NewGuid(), Action = Guid.NewGuid(), Cue = Guid.NewGuid(), Line = Guid.NewGuid();

    private static readonly (Guid, ElementType, string)[] Scene =
    [
        (Heading, ElementType.SceneHeading, "INT. RIVER - DAY"),
        (Action, ElementType.Action, "Edward wades in with the bait."),
        (Cue, ElementType.Character, "WILL"),
        (Line, ElementType.Dialogue, "Dad, that fish is a story."),
    ];

    [Fact]
    public void A_scene_in_fountain_inside_a_code_fence_parses_to_its_paragraphs_and_no_title_page()
    {
        var elements = SceneRewrite.Parse("```fountain\nNote: the river is high.\n\nWILL (V.O.)\nDad?\n```");

        Assert.Equal([(ElementType.Action, "Note: the river is high."), (ElementType.Character, "WILL"), (ElementType.Dialogue, "Dad?")],
            elements.Select(e => (e.Type, e.Text)));
        Assert.Equal("V.O.", elements[1].Extension);
    }

    [Fact]
    public void Rewritten_paragraphs_keep_their_ids_and_added_ones_get_new_ids_in_order()
    {
        var planned = SceneRewrite.Align(Scene, SceneRewrite.Parse(
            "INT. RIVER - DAY\n\nEdward wades in with the bait, grinning.\n\nEDWARD\nEvery word of it true.\n\nWILL\nDad, that fish is a story.\n"));

        Assert.Equal(["INT. RIVER - DAY", "Edward wades in with the bait, grinning.", "EDWARD", "Every word of it true.", "WILL", "Dad, that fish is a story."],
            planned.Select(p => p.Element.Text));
        Assert.Equal([Heading, Action], planned.Take(2).Select(p => p.Id));
        Assert.Equal([Cue, Line], planned.Skip(4).Select(p => p.Id));
        Assert.All(planned.Skip(2).Take(2), p => Assert.False(p.Kept));
        Assert.DoesNotContain(planned.Skip(2).Take(2), p => Scene.Any(s => s.Item1 == p.Id));
    }

    [Fact]
    public void A_paragraph_rewritten_beyond_recognition_is_a_new_paragraph_and_the_old_one_goes()
    {
        var planned = SceneRewrite.Align(Scene[..2], SceneRewrite.Parse("INT. RIVER - DAY\n\nThunder. The river swallows the jetty whole.\n"));

        Assert.Equal(Heading, planned[0].Id);
        Assert.False(planned[1].Kept);
        Assert.NotEqual(Action, planned[1].Id);
    }

    [Theory]
    [InlineData("Edward wades in with the bait.", 1)]
    [InlineData("  edward WADES in with   the bait. ", 1)]
    [InlineData("“Dad, that fish is a story.”", 3)]
    [InlineData("wades in with the bait", 1)]
    public void A_quoted_paragraph_is_found_give_or_take_spacing_case_and_quotes(string quote, int expected) =>
        Assert.Equal(expected, ParagraphQuote.Find(Scene.Select(s => s.Item3).ToList(), quote));

    [Theory]
    [InlineData("Dad")] // too short to name one paragraph by a part of it
    [InlineData("A paragraph nobody wrote.")]
    [InlineData("")]
    public void A_quote_that_names_no_single_paragraph_finds_none(string quote) =>
        Assert.Null(ParagraphQuote.Find(Scene.Select(s => s.Item3).ToList(), quote));

    [Fact]
    public void A_quote_that_two_paragraphs_hold_is_ambiguous_and_finds_none() =>
        Assert.Null(ParagraphQuote.Find(["He runs to the river bank.", "She runs to the river bank too."], "runs to the river bank"));
}
