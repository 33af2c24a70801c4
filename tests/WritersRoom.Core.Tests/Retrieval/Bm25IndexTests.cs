using WritersRoom.Core.Ai;
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

    [Fact]
    public void An_index_updated_for_changed_documents_scores_as_one_built_afresh()
    {
        var kept = new[] { "Edward meets the witch.", "The giant follows Edward.", "Sandra at the river.", "The witch's eye again." }
            .Select(DocumentTerms.Of).ToList();
        var before = new Bm25Index(kept);
        // One document edited (a new counted instance), one removed, one added, one moved: as after a writer's changes.
        List<DocumentTerms> now = [kept[2], DocumentTerms.Of("Edward meets the giant at the river."), kept[1], DocumentTerms.Of("A circus comes to town.")];

        var updated = before.Update(now);
        var afresh = new Bm25Index(now);

        foreach (var query in new[] { "witch", "Edward giant river", "circus town", "eye", "Sandra" })
        {
            var terms = QueryTerms.Of(query);
            Assert.Equal(afresh.Rank(query), updated.Rank(query));
            for (var i = 0; i < now.Count; i++) Assert.Equal(afresh.Score(terms, i), updated.Score(terms, i), 12);
        }
        // "witch" left the corpus with the removed and rewritten documents: no document frequency lingers.
        Assert.Empty(updated.Rank("witch"));
    }
}
