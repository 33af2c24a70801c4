using WritersRoom.Core.Retrieval;
using WritersRoom.Web.Chat;

namespace WritersRoom.Web.Tests.Chat;

public sealed class CitationsTests
{
    private static readonly Guid[] Blocks = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    private static readonly SceneDocument Rooftop = new(Guid.NewGuid(), 4, null, "EXT. ROOFTOP - DAWN", null, Blocks,
        ["EXT. ROOFTOP - DAWN", "TEO", "You named the starter?", "Your grandfather named it. She's older than you and better behaved."], null);

    [Fact]
    public void Paragraphs_quoted_whole_or_in_part_are_the_ones_to_highlight_and_unknown_scenes_are_dropped()
    {
        var answer = "- \"TEO: You named the starter?\" [Scene 4]\n- \"MARGOT: Your grandfather named it.\" [Scene 4] and [Scene 12]";

        var citation = Assert.Single(Citations.From(answer, [Rooftop]));

        Assert.Equal(Rooftop.SceneId, citation.SceneId);
        Assert.Equal(4, citation.Ordinal);
        Assert.Equal([Blocks[2], Blocks[3]], citation.BlockIds);
    }

    [Fact]
    public void A_scene_cited_without_a_quotation_highlights_no_paragraph_in_particular()
    {
        var citation = Assert.Single(Citations.From("Teo learns who named the starter in [Scene 4].", [Rooftop]));

        Assert.Null(citation.BlockIds);
    }
}
