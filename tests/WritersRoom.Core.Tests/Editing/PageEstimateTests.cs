using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.Editing;

public class PageEstimateTests
{
    [Fact]
    public void Fifty_five_single_line_actions_with_blank_lines_fill_about_two_pages()
    {
        var paragraphs = Enumerable.Repeat((ElementType.Action, "He waits."), 55);
        Assert.InRange(PageEstimate.Pages(paragraphs), 1.9, 2.0);
    }

    [Fact]
    public void Dialogue_wraps_at_its_narrower_column()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 20)); // 99 characters
        Assert.True(PageEstimate.Lines(ElementType.Dialogue, text, ElementType.Character) > PageEstimate.Lines(ElementType.Action, text, null));
    }

    [Fact]
    public void A_page_plays_for_about_a_minute()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), PageEstimate.ScreenTime(1.5));
    }

    [Fact]
    public void Notes_and_synopses_add_no_pages()
    {
        Assert.Equal(0, PageEstimate.Pages([(ElementType.Note, "remember the fish"), (ElementType.Synopsis, "Will leaves.")]));
    }
}
