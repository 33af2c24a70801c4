using WritersRoom.Core.Screenplay;
using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class CharacterTests
{
    [Fact]
    public void Upper_case_line_after_a_blank_line_with_text_below_is_a_character()
    {
        Assert.Equal([Character("STEEL"), Dialogue("The man's a myth!")], Elements("", "STEEL", "The man's a myth!"));
    }

    [Fact]
    public void Upper_case_line_followed_by_a_blank_line_is_action()
    {
        Assert.Equal([Action("A RIVER."), Action("We're underwater.")], Elements("A RIVER.", "", "We're underwater."));
    }

    [Fact]
    public void Upper_case_line_inside_an_action_paragraph_is_action()
    {
        Assert.Equal([Action("He shouts:\nSTOP\nand nobody stops.")], Elements("He shouts:", "STOP", "and nobody stops."));
    }

    [Fact]
    public void Line_with_lower_case_letters_is_not_a_character()
    {
        Assert.Equal([Action("McCLANE\nYippie ki-yay!")], Elements("McCLANE", "Yippie ki-yay!"));
    }

    [Fact]
    public void At_sign_forces_a_character_and_keeps_its_case()
    {
        Assert.Equal(
            [Character("McCLANE"), Dialogue("Yippie ki-yay! I got my lower-case C back!")],
            Elements("@McCLANE", "Yippie ki-yay! I got my lower-case C back!"));
    }

    [Fact]
    public void Name_needs_a_letter_so_digits_alone_are_not_a_character()
    {
        Assert.Equal(ElementType.Character, Elements("R2D2", "Beep.")[0].Type);
        Assert.Equal([Action("23\nskidoo")], Elements("23", "skidoo"));
    }

    [Theory]
    [InlineData("BOB (V.O.)", "BOB", "V.O.")]
    [InlineData("MOM (O. S.)", "MOM", "O. S.")]
    [InlineData("HANS (on the radio)", "HANS", "on the radio")]
    [InlineData("BOB (cont'd)", "BOB", "cont'd")]
    [InlineData("EDWARD  (CONT'D)", "EDWARD", "CONT'D")]
    [InlineData("EDWARD (O.S., PRELAP)", "EDWARD", "O.S., PRELAP")]
    [InlineData("@McCLANE (on phone)", "McCLANE", "on phone")]
    public void Extension_is_the_text_in_the_parentheses_and_leaves_the_name(string cue, string name, string extension)
    {
        Assert.Equal(Character(name, extension), Elements(cue, "Hello.")[0]);
    }

    [Theory]
    [InlineData("BOB (V.O.) (CONT'D)")]
    [InlineData("BOB (V.O.)(CONT'D)")]
    [InlineData("BOB ( V.O. )  (CONT'D)")]
    public void Several_extensions_are_joined_so_that_name_plus_parenthesised_extension_reads_naturally(string cue)
    {
        var character = Elements(cue, "Hello.")[0];

        Assert.Equal(Character("BOB", "V.O.) (CONT'D"), character);
        Assert.Equal("BOB (V.O.) (CONT'D)", $"{character.Text} ({character.Extension})");
    }

    [Fact]
    public void Text_after_the_parentheses_keeps_them_in_the_name()
    {
        Assert.Equal(Character("BOB (V.O.) SR"), Elements("BOB (V.O.) SR", "Hello.")[0]);
    }

    [Fact]
    public void Indented_cue_is_a_character_without_its_indentation()
    {
        Assert.Equal(
            [Character("JACK"), Paren("(in Vietnamese, subtitled)"), Dialogue("*Did you know Brick and Steel are retired?*")],
            Elements("\t\t\tJACK", "\t\t(in Vietnamese, subtitled)", "\t*Did you know Brick and Steel are retired?*"));
    }

    [Fact]
    public void Cue_at_the_end_of_the_text_is_action()
    {
        Assert.Equal([Action("THE END")], Elements("THE END"));
    }

    [Fact]
    public void Forced_cue_needs_no_dialogue()
    {
        Assert.Equal([Character("NARRATOR"), Action("Silence.")], Elements("@NARRATOR", "", "Silence."));
    }
}
