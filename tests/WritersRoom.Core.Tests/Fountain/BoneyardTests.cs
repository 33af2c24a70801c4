using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class BoneyardTests
{
    [Fact]
    public void Boneyard_inside_a_line_is_removed()
    {
        Assert.Equal([Action("He sits.  He waits.")], Elements("He sits. /* He stands. */ He waits."));
    }

    [Fact]
    public void Boneyard_spanning_paragraphs_and_blank_lines_is_removed_entirely()
    {
        Assert.Equal(
            [Heading("COGNITO"), Action("Everyone's coming after you.")],
            Elements(
                ".COGNITO",
                "",
                "/*",
                "INT. GARAGE - DAY",
                "",
                "BRICK and STEEL get into Mom's PORSCHE.",
                "*/",
                "",
                "Everyone's coming after you."));
    }

    [Fact]
    public void Whole_line_boneyard_inside_dialogue_does_not_split_the_speech()
    {
        Assert.Equal(
            [Character("BOB"), Dialogue("Hello.\nGoodbye.")],
            Elements("BOB", "Hello.", "/* A line we cut. */", "Goodbye."));
    }

    [Fact]
    public void Notes_inside_a_boneyard_vanish_with_it()
    {
        Assert.Equal([Action("Kept.")], Elements("Kept.", "/* [[a note]] */"));
    }

    [Fact]
    public void Unclosed_boneyard_is_text()
    {
        Assert.Equal([Action("Costs 3/* per item")], Elements("Costs 3/* per item"));
    }
}
