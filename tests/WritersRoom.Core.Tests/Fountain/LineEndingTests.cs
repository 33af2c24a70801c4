using WritersRoom.Core.Fountain;

namespace WritersRoom.Core.Tests.Fountain;

public class LineEndingTests
{
    private const string Script = "Title: T\nAuthor: A\n\nEXT. BRICK'S PATIO - DAY\n\nSTEEL\nBeer's ready!\n\nBRICK ^\nAre they cold?\n";

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Windows_and_old_Mac_line_endings_read_like_unix_ones(string newline)
    {
        var expected = FountainParser.Parse(Script);

        var actual = FountainParser.Parse(Script.Replace("\n", newline));

        Assert.Equal(expected.TitlePage, actual.TitlePage);
        Assert.Equal(expected.Elements, actual.Elements);
        Assert.Equal(5, actual.Elements.Count);
    }

    [Fact]
    public void Mixed_line_endings_in_one_file_are_read()
    {
        var actual = FountainParser.Parse("STEEL\r\nScrew retirement.\n\r\nBRICK ^\rScrew retirement.");

        Assert.Equal(4, actual.Elements.Count);
        Assert.All(actual.Elements, e => Assert.True(e.Dual));
    }

    [Fact]
    public void Byte_order_mark_is_ignored_so_the_title_page_is_found()
    {
        var actual = FountainParser.Parse("\uFEFF" + Script);

        Assert.Equal("T", actual.Title);
    }
}
