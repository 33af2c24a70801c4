using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class ActionTests
{
    [Fact]
    public void Paragraph_that_is_nothing_else_is_action()
    {
        Assert.Equal([Action("They drink long and well from the beers.")], Elements("They drink long and well from the beers."));
    }

    [Fact]
    public void Consecutive_lines_form_one_action_with_their_line_breaks()
    {
        Assert.Equal(
            [Action("And then there's a long beat.\nLonger than is funny.\nLong enough to be depressing.")],
            Elements("And then there's a long beat.", "Longer than is funny.", "Long enough to be depressing."));
    }

    [Fact]
    public void Blank_lines_separate_action_elements()
    {
        Assert.Equal([Action("One."), Action("Two.")], Elements("One.", "", "", "", "Two."));
    }

    [Fact]
    public void Leading_spaces_and_tabs_in_action_are_kept()
    {
        Assert.Equal(
            [Action("          Scott --"), Action("          Jacob Billups\n\t\tPalace Hotel, RM 412")],
            Elements("          Scott --", "", "          Jacob Billups", "\t\tPalace Hotel, RM 412"));
    }

    [Fact]
    public void Trailing_whitespace_is_dropped()
    {
        Assert.Equal([Action("We're underwater.\nThis is The Beast.")], Elements("We're underwater.  ", "This is The Beast.\t"));
    }

    [Theory]
    [InlineData("!SCANNING THE AISLES...", "SCANNING THE AISLES...")]
    [InlineData("!INT. HOUSE - DAY", "INT. HOUSE - DAY")]
    [InlineData("!CUT TO:", "CUT TO:")]
    [InlineData("!# not a section", "# not a section")]
    [InlineData("!!", "!")]
    public void Exclamation_mark_forces_action_and_is_removed(string line, string text)
    {
        Assert.Equal([Action(text)], Elements("", line, ""));
    }

    [Fact]
    public void Forced_upper_case_line_above_text_is_action_not_a_character()
    {
        Assert.Equal([Action("BOOM\nThe house shakes.")], Elements("!BOOM", "The house shakes."));
    }

    [Fact]
    public void Lone_exclamation_mark_keeps_an_empty_line_inside_action()
    {
        Assert.Equal([Action("One.\n\nTwo.")], Elements("One.", "!", "Two."));
    }

    [Fact]
    public void Action_keeps_emphasis_markers()
    {
        Assert.Equal(
            [Action("From what seems like only INCHES AWAY.  _Steel's face FILLS the *Leupold Mark 4* scope_.")],
            Elements("From what seems like only INCHES AWAY.  _Steel's face FILLS the *Leupold Mark 4* scope_."));
    }
}
