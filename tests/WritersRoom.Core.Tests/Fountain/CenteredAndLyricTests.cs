using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class CenteredAndLyricTests
{
    [Theory]
    [InlineData("> THE END <", "THE END")]
    [InlineData(">THE END<", "THE END")]
    [InlineData("> _**THE END**_ <", "_**THE END**_")]
    public void Text_between_greater_and_less_than_signs_is_centered(string line, string text)
    {
        Assert.Equal([Centered(text)], Elements(line));
    }

    [Fact]
    public void Consecutive_centered_lines_form_one_element()
    {
        Assert.Equal(
            [Centered("BRICK BRADDOCK\n& DICK STEEL IN"), Centered("BRICK & STEEL\nFULL RETIRED")],
            Elements("> BRICK BRADDOCK <", "> & DICK STEEL IN <", "", "> BRICK & STEEL <", "> FULL RETIRED <"));
    }

    [Fact]
    public void Centered_line_after_action_starts_its_own_element()
    {
        Assert.Equal([Action("The card reads:"), Centered("HAPPY BIRTHDAY")], Elements("The card reads:", "> HAPPY BIRTHDAY <"));
    }

    [Fact]
    public void Tilde_lines_are_lyrics_joined_into_one_element()
    {
        Assert.Equal(
            [Lyric("Willy Wonka! Willy Wonka! The amazing chocolatier!\nWilly Wonka! Willy Wonka! Everybody give a cheer!")],
            Elements("~Willy Wonka! Willy Wonka! The amazing chocolatier!", "~Willy Wonka! Willy Wonka! Everybody give a cheer!"));
    }

    [Fact]
    public void Lyrics_inside_dialogue_are_lyrics_and_the_speech_goes_on()
    {
        Assert.Equal(
            [Character("WONKA"), Lyric("Come with me\nAnd you'll be"), Dialogue("Spoken again.")],
            Elements("WONKA", "~Come with me", "~And you'll be", "Spoken again."));
    }
}
