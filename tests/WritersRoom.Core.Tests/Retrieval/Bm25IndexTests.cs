using WritersRoom.Core.Retrieval;

namespace WritersRoom.Core.Tests.Retrieval;

public sealed class Bm25IndexTests
{
    [Fact]
    public void A_rare_word_outweighs_a_word_found_in_every_document()
    {
        var index = new Bm25Index([
            "Edward talks. Edward talks. Edward talks about Edward.",
            "Edward sees the giant in the cave.",
            "Edward walks home.",
        ]);

        Assert.Equal(1, index.Rank("Edward giant")[0]);
    }

    [Fact]
    public void Documents_without_any_query_word_are_not_ranked()
    {
        var index = new Bm25Index(["the witch's eye", "a circus"]);

        Assert.Equal([0], index.Rank("eye of the witch"));
    }
}
