using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class DialogueTests
{
    [Fact]
    public void Consecutive_dialogue_lines_form_one_element()
    {
        Assert.Equal(
            [Character("DAN"), Dialogue("Then let's retire them.\n_Permanently_.")],
            Elements("DAN", "Then let's retire them.", "_Permanently_."));
    }

    [Fact]
    public void Parentheticals_split_the_dialogue_around_them()
    {
        Assert.Equal(
            [
                Character("STEEL"), Dialogue("They're coming out of the woodwork!"), Paren("(pause)"),
                Dialogue("No, everybody we've put away!"), Paren("(pause)"), Dialogue("Point Blank Sniper?"),
            ],
            Elements("STEEL", "They're coming out of the woodwork!", "(pause)", "No, everybody we've put away!", "(pause)", "Point Blank Sniper?"));
    }

    [Fact]
    public void Parenthetical_right_after_the_cue_is_a_parenthetical()
    {
        Assert.Equal([Character("STEEL"), Paren("(beer raised)"), Dialogue("To retirement.")], Elements("STEEL", "(beer raised)", "To retirement."));
    }

    [Fact]
    public void Blank_line_ends_the_dialogue()
    {
        Assert.Equal(
            [Character("BRICK"), Dialogue("Are they cold?"), Action("Steel sits.")],
            Elements("BRICK", "Are they cold?", "", "Steel sits."));
    }

    [Fact]
    public void Line_of_two_spaces_keeps_an_empty_line_inside_dialogue()
    {
        Assert.Equal(
            [Character("DEALER"), Dialogue("Ten.\nFour.\nDealer gets a seven.\n\nHit or stand sir?")],
            Elements("DEALER", "Ten.", "Four.", "Dealer gets a seven.", "  ", "Hit or stand sir?"));
    }

    [Fact]
    public void Two_space_line_at_the_end_of_a_speech_adds_nothing()
    {
        Assert.Equal([Character("BOB"), Dialogue("Hi.")], Elements("BOB", "Hi.", "  "));
    }

    [Fact]
    public void Lines_that_look_like_other_elements_stay_dialogue_inside_a_speech()
    {
        Assert.Equal(
            [Character("BOB"), Dialogue("INT. HOUSE - DAY\nCUT TO:\n# not a section")],
            Elements("BOB", "INT. HOUSE - DAY", "CUT TO:", "# not a section"));
    }

    [Fact]
    public void Dialogue_keeps_emphasis_markers()
    {
        Assert.Equal(Dialogue("*Did you know?* **Yes.** _No._"), Elements("JACK", "*Did you know?* **Yes.** _No._")[1]);
    }
}
