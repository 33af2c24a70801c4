using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class SceneHeadingTests
{
    [Theory]
    [InlineData("EXT. BRICK'S PATIO - DAY")]
    [InlineData("INT. HOUSE - DAY")]
    [InlineData("EST. CITY SKYLINE - NIGHT")]
    [InlineData("INT./EXT. CAR - MOVING")]
    [InlineData("INT/EXT CAR - MOVING")]
    [InlineData("I/E CAR - MOVING")]
    [InlineData("INT HOUSE - DAY")]
    [InlineData("int. house - day")]
    [InlineData("EXT/INT. SORORITY HOUSE - THE DOORWAY")]
    [InlineData("INT.  WILL'S BEDROOM - NIGHT (1973)")]
    public void Line_with_a_heading_prefix_after_a_blank_line_is_a_scene_heading(string line)
    {
        Assert.Equal([Action("Before."), Heading(line), Action("After.")], Elements("Before.", "", line, "", "After."));
    }

    [Theory]
    [InlineData("INTERCUT WITH:")]
    [InlineData("Establishing this Texas institution, we come...")]
    [InlineData("EXTRA! EXTRA!")]
    [InlineData("INT")]
    public void Prefix_must_be_followed_by_a_dot_or_a_space(string line)
    {
        Assert.DoesNotContain(Elements("", line, ""), e => e.Type == Core.Screenplay.ElementType.SceneHeading);
    }

    [Fact]
    public void Leading_period_forces_a_scene_heading_and_is_removed()
    {
        Assert.Equal([Heading("SNIPER SCOPE POV")], Elements(".SNIPER SCOPE POV"));
    }

    [Fact]
    public void Leading_ellipsis_is_not_a_forced_heading()
    {
        Assert.Equal([Action("...in fact, there he is now.")], Elements("...in fact, there he is now."));
    }

    [Theory]
    [InlineData("INT. HOUSE - DAY #1#", "INT. HOUSE - DAY", "1")]
    [InlineData("INT. HOUSE - DAY #1A#", "INT. HOUSE - DAY", "1A")]
    [InlineData("INT. HOUSE - DAY #1a#", "INT. HOUSE - DAY", "1a")]
    [InlineData("INT. HOUSE - DAY #A1#", "INT. HOUSE - DAY", "A1")]
    [InlineData("INT. HOUSE - DAY #I-1-A#", "INT. HOUSE - DAY", "I-1-A")]
    [InlineData("INT. HOUSE - DAY #1.#", "INT. HOUSE - DAY", "1.")]
    [InlineData("INT. HOUSE - DAY - FLASHBACK (1944) #110A#", "INT. HOUSE - DAY - FLASHBACK (1944)", "110A")]
    [InlineData(".SNIPER SCOPE POV #12#", "SNIPER SCOPE POV", "12")]
    public void Trailing_scene_number_is_split_off_the_heading(string line, string text, string number)
    {
        Assert.Equal([Heading(text, number)], Elements(line));
    }

    [Theory]
    [InlineData("INT. HOUSE - DAY #1 2#")]
    [InlineData("INT. HOUSE - DAY ##")]
    [InlineData("INT. ROOM #4")]
    public void Malformed_scene_number_stays_in_the_text(string line)
    {
        Assert.Equal([Heading(line)], Elements(line));
    }

    [Fact]
    public void Heading_prefix_without_a_blank_line_before_is_action()
    {
        Assert.Equal([Action("He runs.\nINT. HOUSE - DAY")], Elements("He runs.", "INT. HOUSE - DAY"));
    }

    [Fact]
    public void Heading_followed_directly_by_action_is_still_a_heading()
    {
        // The spec wants a blank line after a heading; real scripts often skip it.
        Assert.Equal(
            [Heading("INT. HOUSE - DAY"), Action("Bob enters.")],
            Elements("INT. HOUSE - DAY", "Bob enters."));
    }

    [Fact]
    public void Character_right_after_a_heading_is_a_character()
    {
        Assert.Equal(
            [Heading("INT. HOUSE - DAY"), Character("BOB"), Dialogue("Hi.")],
            Elements("INT. HOUSE - DAY", "BOB", "Hi."));
    }
}
