using WritersRoom.Core.Fountain;

namespace WritersRoom.Core.Tests.Fountain;

public class EmphasisTests
{
    [Theory]
    [InlineData("*italics*", "italics")]
    [InlineData("**bold**", "bold")]
    [InlineData("***bold italics***", "bold italics")]
    [InlineData("_underline_", "underline")]
    [InlineData("_**BRICK & STEEL**_", "BRICK & STEEL")]
    [InlineData("From what seems like only INCHES AWAY.  _Steel's face FILLS the *Leupold Mark 4* scope_.",
        "From what seems like only INCHES AWAY.  Steel's face FILLS the Leupold Mark 4 scope.")]
    [InlineData(@"Steel enters the code on the keypad: **\*9765\***", "Steel enters the code on the keypad: *9765*")]
    [InlineData(@"He dialed \*69 and \_waited\_", "He dialed *69 and _waited_")]
    [InlineData("*one* and *two*", "one and two")]
    public void Paired_markers_are_removed_and_escapes_become_literal(string text, string plain)
    {
        Assert.Equal(plain, FountainEmphasis.ToPlain(text));
    }

    [Theory]
    [InlineData("5 * 3 = 15")]
    [InlineData("snake_case_name")]
    [InlineData("a lone *star")]
    [InlineData("****")]
    [InlineData("no markers at all")]
    public void Unpaired_markers_stay_as_written(string text)
    {
        Assert.Equal(text, FountainEmphasis.ToPlain(text));
    }

    [Fact]
    public void Emphasis_does_not_cross_line_breaks()
    {
        Assert.Equal("*open\nclose*", FountainEmphasis.ToPlain("*open\nclose*"));
    }

    [Fact]
    public void Each_line_is_stripped_on_its_own()
    {
        Assert.Equal("BRICK & STEEL\nFULL RETIRED", FountainEmphasis.ToPlain("_**BRICK & STEEL**_\n_**FULL RETIRED**_"));
    }
}
