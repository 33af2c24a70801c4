using WritersRoom.Core.Fountain;

namespace WritersRoom.Core.Tests.Fdx;

public class EmphasisRunsTests
{
    [Theory]
    [InlineData("From what seems like only INCHES AWAY.  _Steel's face FILLS the *Leupold Mark 4* scope_.")]
    [InlineData("_**BRICK & STEEL**_")]
    [InlineData("***bold italics*** then plain")]
    [InlineData("plain snake_case and 5 * 3")]
    [InlineData(@"code **\*9765\***")]
    public void Runs_written_back_as_fountain_read_back_as_the_same_runs(string line)
    {
        var runs = FountainEmphasis.ToRuns(line);

        Assert.Equal(runs, FountainEmphasis.ToRuns(EmphasisWriter.ToFountain(runs)));
    }

    [Fact]
    public void Runs_keep_nested_styles()
    {
        Assert.Equal(
            [new StyledRun("a ", Emphasis.Underline), new StyledRun("b", Emphasis.Underline | Emphasis.Italic), new StyledRun(" c", Emphasis.Underline)],
            FountainEmphasis.ToRuns("_a *b* c_"));
    }

    [Fact]
    public void Whitespace_at_a_style_edge_moves_outside_the_markers()
    {
        Assert.Equal("_under_ plain", EmphasisWriter.ToFountain([new StyledRun("under ", Emphasis.Underline), new StyledRun("plain", Emphasis.None)]));
    }
}
