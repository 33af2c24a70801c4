using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;
using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class FountainWriterTests
{
    private static string Write(params ScriptElement[] elements) => FountainWriter.Write(new ParsedScreenplay([], elements));

    [Fact]
    public void Elements_are_separated_by_blank_lines_and_speeches_kept_together()
    {
        var text = Write(Heading("EXT. BRICK'S PATIO - DAY"), Action("A gorgeous day."), Character("STEEL"), Paren("(beer raised)"), Dialogue("To retirement."));

        Assert.Equal("EXT. BRICK'S PATIO - DAY\n\nA gorgeous day.\n\nSTEEL\n(beer raised)\nTo retirement.\n", text);
    }

    [Fact]
    public void Title_page_is_written_with_indented_multi_line_values_and_a_blank_line()
    {
        var text = FountainWriter.Write(new ParsedScreenplay(
            [new TitleEntry("Title", "BRICK & STEEL"), new TitleEntry("Contact", "Next Level Productions\n1588 Mission Dr.")],
            [Action("A gorgeous day.")]));

        Assert.Equal("Title: BRICK & STEEL\nContact:\n    Next Level Productions\n    1588 Mission Dr.\n\nA gorgeous day.\n", text);
    }

    [Theory]
    [InlineData("INT. HOUSE - DAY")]
    [InlineData("CUT TO:")]
    [InlineData("# not a section")]
    [InlineData("> not centered <")]
    [InlineData("~not a lyric")]
    [InlineData("= not a synopsis")]
    [InlineData("===")]
    [InlineData("@not a character")]
    [InlineData("!bang")]
    [InlineData(".not a heading")]
    public void Action_that_would_read_as_something_else_is_forced_with_an_exclamation_mark(string text)
    {
        Assert.Equal($"!{text}\n", Write(Action(text)));
    }

    [Fact]
    public void Upper_case_action_line_above_more_action_is_forced()
    {
        Assert.Equal("!BOOM\nThe house shakes.\n", Write(Action("BOOM\nThe house shakes.")));
    }

    [Fact]
    public void Plain_action_is_not_forced()
    {
        Assert.Equal("A gorgeous day.\nThe sun is shining.\n", Write(Action("A gorgeous day.\nThe sun is shining.")));
    }

    [Fact]
    public void Empty_line_inside_action_is_written_as_a_lone_exclamation_mark()
    {
        Assert.Equal("One.\n!\nTwo.\n", Write(Action("One.\n\nTwo.")));
    }

    [Fact]
    public void Character_with_lower_case_is_forced_with_an_at_sign()
    {
        Assert.Equal("@McCLANE\nYippie ki-yay!\n", Write(Character("McCLANE"), Dialogue("Yippie ki-yay!")));
    }

    [Fact]
    public void Character_without_dialogue_is_forced()
    {
        Assert.Equal("@NARRATOR\n\nSilence.\n", Write(Character("NARRATOR"), Action("Silence.")));
    }

    [Fact]
    public void Character_that_looks_like_a_heading_is_forced()
    {
        Assert.Equal("@INT. BOB\nHi.\n", Write(Character("INT. BOB"), Dialogue("Hi.")));
    }

    [Fact]
    public void Extension_is_written_in_parentheses_after_the_name()
    {
        Assert.Equal("EDWARD (V.O.) (CONT'D)\nBy the time I was born...\n",
            Write(Character("EDWARD", "V.O.) (CONT'D"), Dialogue("By the time I was born...")));
    }

    [Fact]
    public void Caret_goes_on_the_second_speaker_of_a_dual_pair_only()
    {
        var text = Write(
            Character("STEEL", dual: true), Dialogue("Screw retirement.", dual: true),
            Character("BRICK", dual: true), Dialogue("Screw retirement.", dual: true));

        Assert.Equal("STEEL\nScrew retirement.\n\nBRICK ^\nScrew retirement.\n", text);
    }

    [Theory]
    [InlineData("CUT TO:", "CUT TO:")]
    [InlineData("FADE OUT.", "> FADE OUT.")]
    [InlineData("Burn to White.", "> Burn to White.")]
    public void Transition_not_ending_in_TO_is_forced_with_a_greater_than_sign(string transition, string written)
    {
        Assert.Equal($"Beer flies.\n\n{written}\n", Write(Action("Beer flies."), Transition(transition)));
    }

    [Theory]
    [InlineData("INT. HOUSE - DAY", null, "INT. HOUSE - DAY")]
    [InlineData("INT. HOUSE - DAY", "1A", "INT. HOUSE - DAY #1A#")]
    [InlineData("SNIPER SCOPE POV", null, ".SNIPER SCOPE POV")]
    [InlineData("SNIPER SCOPE POV", "12", ".SNIPER SCOPE POV #12#")]
    public void Heading_without_a_prefix_is_forced_with_a_period(string heading, string? number, string written)
    {
        Assert.Equal($"{written}\n", Write(Heading(heading, number)));
    }

    [Fact]
    public void Empty_line_in_dialogue_is_written_as_two_spaces()
    {
        Assert.Equal("DEALER\nTen.\n  \nHit or stand sir?\n", Write(Character("DEALER"), Dialogue("Ten.\n\nHit or stand sir?")));
    }

    [Fact]
    public void Note_is_written_on_the_line_after_what_it_follows()
    {
        Assert.Equal("BOB\nHello.\n[[cut?]]\nGoodbye.\n", Write(Character("BOB"), Dialogue("Hello."), Note("cut?"), Dialogue("Goodbye.")));
    }

    [Fact]
    public void Empty_line_in_a_note_is_written_as_two_spaces()
    {
        Assert.Equal("[[One.\n  \nTwo.]]\n", Write(Note("One.\n\nTwo.")));
    }

    [Fact]
    public void Outline_centered_and_lyric_elements_use_their_markers()
    {
        var text = Write(Section("ACT I", 1), Synopsis("Setup."), Section("Meet Scott", 2), PageBreak(), Centered("THE END\nREALLY"), Lyric("La la\nLa"));

        Assert.Equal("# ACT I\n\n= Setup.\n\n## Meet Scott\n\n===\n\n> THE END <\n> REALLY <\n\n~La la\n~La\n", text);
    }

    [Fact]
    public void First_line_that_would_read_as_a_title_page_is_pushed_down_by_a_blank_line()
    {
        var text = Write(Action("Note: the house is empty."));

        Assert.Equal("\nNote: the house is empty.\n", text);
        Assert.Empty(FountainParser.Parse(text).TitlePage);
    }

    [Fact]
    public void Empty_screenplay_writes_nothing()
    {
        Assert.Equal("", Write());
    }
}
