using WritersRoom.Core.Retrieval;

namespace WritersRoom.Data.Chat;

/// <summary>The hybrid search inside one script: one query, then BM25 + vector ranks fused in memory.</summary>
public sealed class SceneRetrieval(SceneCorpus corpus)
{
    public async Task<IReadOnlyList<SceneDocument>> SearchAsync(
        Guid scriptId, string query, string embeddingModel, float[]? queryVector, int k, double vectorWeight, CancellationToken ct = default)
    {
        var found = await corpus.LoadCorpusAsync(scriptId, embeddingModel, queryVector, ct);
        return HybridRanker.Rank(found.Scenes, found.Index, query, k, vectorWeight);
    }
}
