using WritersRoom.Web.Components.Screenplay;

namespace WritersRoom.Web.Tests.Components.Screenplay;

public sealed class EmphasisTests
{
    [Fact]
    public void Italic_bold_underline_and_bold_italic_become_styled_runs_without_markers()
    {
        var runs = Emphasis.Parse("a *i* **b** _u_ ***bi***");

        Assert.Equal(
        [
            new EmphasisRun("a ", EmphasisStyle.None),
            new EmphasisRun("i", EmphasisStyle.Italic),
            new EmphasisRun(" ", EmphasisStyle.None),
            new EmphasisRun("b", EmphasisStyle.Bold),
            new EmphasisRun(" ", EmphasisStyle.None),
            new EmphasisRun("u", EmphasisStyle.Underline),
            new EmphasisRun(" ", EmphasisStyle.None),
            new EmphasisRun("bi", EmphasisStyle.Bold | EmphasisStyle.Italic),
        ], runs);
    }

    [Theory]
    [InlineData("5 * 3 * 2")]
    [InlineData("snake_case_name")]
    [InlineData("an *unclosed star")]
    public void Markers_that_do_not_pair_stay_as_written(string text)
    {
        var runs = Emphasis.Parse(text);

        Assert.Equal([new EmphasisRun(text, EmphasisStyle.None)], runs);
    }

    [Fact]
    public void Escaped_markers_are_literal_characters()
    {
        Assert.Equal([new EmphasisRun("*not italic*", EmphasisStyle.None)], Emphasis.Parse(@"\*not italic\*"));
    }

    [Fact]
    public void Nested_styles_combine_and_emphasis_stops_at_a_line_break()
    {
        var runs = Emphasis.Parse("**bold _both_**\n*open");

        Assert.Equal(
        [
            new EmphasisRun("bold ", EmphasisStyle.Bold),
            new EmphasisRun("both", EmphasisStyle.Bold | EmphasisStyle.Underline),
            new EmphasisRun("\n*open", EmphasisStyle.None),
        ], runs);
    }
}
