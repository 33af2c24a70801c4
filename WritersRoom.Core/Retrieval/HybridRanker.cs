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
        return Rank(scenes, new Bm25Index(scenes.Select(s => s.SearchText).ToList()), query, k, vectorWeight);
    }

    /// <param name="index">BM25 over the scenes' <see cref="SceneDocument.SearchText"/>, in the same order (built once, kept while they do not change).</param>
    public static IReadOnlyList<SceneDocument> Rank(IReadOnlyList<SceneDocument> scenes, Bm25Index index, string query, int k, double vectorWeight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        ArgumentNullException.ThrowIfNull(index);
        if (index.Count != scenes.Count) throw new ArgumentException("The index must cover the scenes, in order.", nameof(index));
        var lexical = index.Rank(query);
        var vector = Enumerable.Range(0, scenes.Count)
            .Where(i => scenes[i].Distance is not null)
            .OrderBy(i => scenes[i].Distance)
            .ToList();
        var fused = RankFusion.Fuse<int>([(lexical, 1.0), (vector, vectorWeight)], Enumerable.Range(0, scenes.Count).ToList(), k);
        return fused.Select(i => scenes[i]).ToList();
    }
}
