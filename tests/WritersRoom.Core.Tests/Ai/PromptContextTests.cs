using WritersRoom.Core.Ai;

namespace WritersRoom.Core.Tests.Ai;

public sealed class PromptContextTests
{
    [Fact]
    public void Splits_the_preamble_from_scene_blocks_each_running_to_the_next_header()
    {
        var context = PromptContext.Parse("Question here?\r\n\r\n[Scene 4] INT. DINER - DAY\r\nJenny pours coffee.\r\n\r\n[Scene 5]\r\nRain.");

        Assert.Equal("Question here?", context.Preamble);
        Assert.Equal(
            [new ScenePassage(4, "INT. DINER - DAY", "Jenny pours coffee."), new ScenePassage(5, "", "Rain.")],
            context.Passages);
    }

    [Fact]
    public void Citations_are_found_in_order_without_repeats()
    {
        Assert.Equal([12, 3], SceneCitation.FindAll("As in [Scene 12] and [Scene 3], and again [Scene 12]."));
        Assert.Equal("[Scene 7] EXT. WOODS - DAY", SceneCitation.FormatBlockHeader(7, " EXT. WOODS - DAY "));
    }

    [Fact]
    public void Dialogue_is_quoted_with_its_speaker_and_cues_alone_are_not_quoted()
    {
        var units = QuotableUnits.Split("Will waits. He sighs.\n\nWILL (V.O.)\n(beat)\nI never knew him.\n\nCUT TO:");

        Assert.Equal(["Will waits.", "He sighs.", "WILL: I never knew him.", "CUT TO:"], units);
    }
}
