namespace WritersRoom.Core.Retrieval;

/// <summary>
/// BM25 over the scenes' text and summaries, and exact vector distance, fused by reciprocal rank.
/// Returns min(k, n) scenes of the given script, best first; scenes come only from <paramref name="scenes"/>.
/// </summary>
public static class HybridRanker
{
    public static IReadOnlyList<SceneDocument> Rank(IReadOnlyList<SceneDocument> scenes, string query, int k, double vectorWeight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        var lexical = new Bm25Index(scenes.Select(s => s.SearchText).ToList()).Rank(query);
        var vector = Enumerable.Range(0, scenes.Count)
            .Where(i => scenes[i].Distance is not null)
            .OrderBy(i => scenes[i].Distance)
            .ToList();
        var fused = RankFusion.Fuse<int>([(lexical, 1.0), (vector, vectorWeight)], Enumerable.Range(0, scenes.Count).ToList(), k);
        return fused.Select(i => scenes[i]).ToList();
    }
}
