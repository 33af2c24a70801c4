using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class OutlineTests
{
    [Theory]
    [InlineData("# ACT I", "ACT I", 1)]
    [InlineData("## Meet Scott", "Meet Scott", 2)]
    [InlineData("### Scott's SF Apartment", "Scott's SF Apartment", 3)]
    [InlineData("#####Deep", "Deep", 5)]
    public void Hash_signs_open_a_section_whose_level_is_their_count(string line, string text, int level)
    {
        Assert.Equal([Section(text, level)], Elements(line));
    }

    [Fact]
    public void Consecutive_section_lines_are_separate_sections()
    {
        Assert.Equal([Section("Scott's Hit", 2), Section("Scott's Morning", 3)], Elements("## Scott's Hit", "### Scott's Morning"));
    }

    [Fact]
    public void Equals_sign_opens_a_synopsis()
    {
        Assert.Equal(
            [Section("ACT I", 1), Synopsis("Meet the players and set up the world.")],
            Elements("# ACT I", "", "= Meet the players and set up the world."));
    }

    [Theory]
    [InlineData("===")]
    [InlineData("====")]
    [InlineData("   ==========")]
    public void Three_or_more_equals_signs_alone_are_a_page_break(string line)
    {
        Assert.Equal([Action("Before."), PageBreak(), Action("After.")], Elements("Before.", "", line, "", "After."));
    }

    [Fact]
    public void Heading_right_after_a_section_is_a_heading()
    {
        Assert.Equal([Section("Nak's Home", 3), Heading("INT. NAK'S HOUSE - DAY")], Elements("### Nak's Home", "INT. NAK'S HOUSE - DAY"));
    }
}
