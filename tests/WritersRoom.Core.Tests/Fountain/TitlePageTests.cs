using WritersRoom.Core.Screenplay;
using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class TitlePageTests
{
    [Fact]
    public void Spec_title_page_reads_single_and_indented_multi_line_values()
    {
        var script = Parse(
            "Title:",
            "    _**BRICK & STEEL**_",
            "    _**FULL RETIRED**_",
            "Credit: Written by",
            "Author: Stu Maschwitz",
            "Source: Story by KTM",
            "Draft date: 1/20/2012",
            "Contact:",
            "    Next Level Productions",
            "    1588 Mission Dr.",
            "    Solvang, CA 93463",
            "",
            "EXT. BRICK'S PATIO - DAY");

        Assert.Equal(
            [
                new TitleEntry("Title", "_**BRICK & STEEL**_\n_**FULL RETIRED**_"),
                new TitleEntry("Credit", "Written by"),
                new TitleEntry("Author", "Stu Maschwitz"),
                new TitleEntry("Source", "Story by KTM"),
                new TitleEntry("Draft date", "1/20/2012"),
                new TitleEntry("Contact", "Next Level Productions\n1588 Mission Dr.\nSolvang, CA 93463"),
            ],
            script.TitlePage);
        Assert.Equal("_**BRICK & STEEL**_\n_**FULL RETIRED**_", script.Title);
        Assert.Equal([Heading("EXT. BRICK'S PATIO - DAY")], script.Elements);
    }

    [Fact]
    public void Tab_indented_values_and_tabs_after_the_colon_are_read()
    {
        var script = Parse("Title:\t**THE LAST BIRTHDAY CARD**", "Contact:", "\tPO Box 10031", "\tSan Rafael CA 94912", "", "Action.");

        Assert.Equal(
            [new TitleEntry("Title", "**THE LAST BIRTHDAY CARD**"), new TitleEntry("Contact", "PO Box 10031\nSan Rafael CA 94912")],
            script.TitlePage);
    }

    [Fact]
    public void A_value_on_the_key_line_is_continued_by_indented_lines()
    {
        var script = Parse("Author: Jane Doe", "   and John Roe", "", "Action.");

        Assert.Equal([new TitleEntry("Author", "Jane Doe\nand John Roe")], script.TitlePage);
    }

    [Fact]
    public void Title_page_ends_at_the_first_blank_line()
    {
        var script = Parse("Title: Big Fish", "", "Draft: not a title field", "");

        Assert.Single(script.TitlePage);
        Assert.Equal([Action("Draft: not a title field")], script.Elements);
    }

    [Fact]
    public void Script_without_title_page_starts_with_its_first_element()
    {
        var script = Parse("EXT. BRICK'S PATIO - DAY", "", "A gorgeous day.");

        Assert.Empty(script.TitlePage);
        Assert.Equal([Heading("EXT. BRICK'S PATIO - DAY"), Action("A gorgeous day.")], script.Elements);
    }

    [Theory]
    [InlineData("FADE IN:")]
    [InlineData("INT. HOUSE: DAY")]
    [InlineData("   Title: indented")]
    [InlineData(": no key")]
    public void First_line_that_is_not_a_title_key_means_no_title_page(string firstLine)
    {
        var script = Parse(firstLine, "", "More action.");

        Assert.Empty(script.TitlePage);
        Assert.Equal(2, script.Elements.Count);
    }

    [Fact]
    public void Well_known_keys_count_even_in_capitals()
    {
        var script = Parse("TITLE: LOUD", "", "Action.");

        Assert.Equal([new TitleEntry("TITLE", "LOUD")], script.TitlePage);
    }

    [Fact]
    public void First_paragraph_with_a_line_that_is_neither_key_nor_value_is_not_a_title_page()
    {
        var script = Parse("He shouts:", "STOP", "and nobody stops.");

        Assert.Empty(script.TitlePage);
        Assert.Equal([Action("He shouts:\nSTOP\nand nobody stops.")], script.Elements);
    }

    [Fact]
    public void Empty_text_gives_an_empty_screenplay()
    {
        var script = Parse("");

        Assert.Empty(script.TitlePage);
        Assert.Empty(script.Elements);
    }
}
