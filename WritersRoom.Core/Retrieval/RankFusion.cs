namespace WritersRoom.Core.Retrieval;

/// <summary>
/// Reciprocal-rank fusion: each ranking adds 1/(k + rank) to an item. Scores of different kinds (BM25, cosine)
/// never need to be put on one scale, and an item strong in either list rises.
/// </summary>
public static class RankFusion
{
    public const int DefaultK = 60;

    /// <summary>
    /// Fuses the rankings and returns exactly min(<paramref name="take"/>, <paramref name="all"/>.Count) items:
    /// when the rankings together hold fewer, the rest come from <paramref name="all"/> in its order,
    /// so a question with no matching word still gets scenes to look at.
    /// </summary>
    public static IReadOnlyList<T> Fuse<T>(IReadOnlyList<IReadOnlyList<T>> rankings, IReadOnlyList<T> all, int take, int k = DefaultK)
        where T : notnull =>
        Fuse(rankings.Select(r => (r, 1.0)).ToList(), all, take, k);

    /// <summary>As above, each ranking with a weight: a weak signal (offline hashed vectors) may only nudge the order.</summary>
    public static IReadOnlyList<T> Fuse<T>(IReadOnlyList<(IReadOnlyList<T> Ranking, double Weight)> rankings, IReadOnlyList<T> all, int take, int k = DefaultK)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentNullException.ThrowIfNull(all);
        var scores = new Dictionary<T, double>();
        var firstSeen = new Dictionary<T, int>();
        foreach (var (ranking, weight) in rankings)
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var item = ranking[rank];
                scores[item] = scores.GetValueOrDefault(item) + weight / (k + rank + 1);
                firstSeen.TryAdd(item, firstSeen.Count);
            }

        var fused = scores.OrderByDescending(s => s.Value).ThenBy(s => firstSeen[s.Key]).Select(s => s.Key).Take(take).ToList();
        if (fused.Count < take)
        {
            var chosen = new HashSet<T>(fused);
            fused.AddRange(all.Where(chosen.Add).Take(take - fused.Count));
        }

        return fused;
    }
}
