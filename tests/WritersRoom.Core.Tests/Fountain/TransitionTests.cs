using WritersRoom.Core.Screenplay;
using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class TransitionTests
{
    [Theory]
    [InlineData("CUT TO:")]
    [InlineData("SMASH CUT TO:")]
    [InlineData("CROSSFADE BACK TO:")]
    public void Upper_case_line_ending_in_TO_between_blank_lines_is_a_transition(string line)
    {
        Assert.Equal([Action("Jack argues."), Transition(line), Heading("EXT. BRICK'S POOL - DAY")],
            Elements("Jack argues.", "", line, "", "EXT. BRICK'S POOL - DAY"));
    }

    [Fact]
    public void Indented_transition_loses_its_indentation()
    {
        Assert.Equal([Transition("CUT TO:")], Elements("", "\t\t\t\tCUT TO:", ""));
    }

    [Fact]
    public void Transition_needs_a_blank_line_after_it()
    {
        // Followed by text, an upper-case line is a character cue, whatever it ends with.
        Assert.Equal([Character("CUT TO:"), Dialogue("The beach.")], Elements("CUT TO:", "The beach."));
    }

    [Fact]
    public void Transition_needs_a_blank_line_before_it()
    {
        Assert.Equal([Action("He leaves.\nCUT TO:")], Elements("He leaves.", "CUT TO:", ""));
    }

    [Theory]
    [InlineData("Cut to:")]
    [InlineData("FADE OUT.")]
    [InlineData("INTERCUT WITH:")]
    public void Lines_not_matching_the_rule_are_action(string line)
    {
        Assert.Equal([Action(line)], Elements("", line, ""));
    }

    [Theory]
    [InlineData("> Burn to White.", "Burn to White.")]
    [InlineData(">FADE OUT.", "FADE OUT.")]
    [InlineData("> INTERCUT WITH:", "INTERCUT WITH:")]
    public void Greater_than_sign_forces_a_transition(string line, string text)
    {
        Assert.Equal([Transition(text)], Elements(line));
    }

    [Fact]
    public void Greater_than_sign_inside_an_action_paragraph_is_text()
    {
        Assert.Equal([Action("x\n> y")], Elements("x", "> y"));
    }

    [Fact]
    public void Transition_at_the_end_of_the_text_counts_as_followed_by_a_blank_line()
    {
        Assert.Equal(ElementType.Transition, Elements("Beer flies.", "", "CUT TO:")[^1].Type);
    }
}
