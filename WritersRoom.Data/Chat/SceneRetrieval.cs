using WritersRoom.Core.Retrieval;

namespace WritersRoom.Data.Chat;

/// <summary>The hybrid search inside one script: one query, then BM25 + vector ranks fused in memory.</summary>
public sealed class SceneRetrieval(SceneCorpus corpus)
{
    public async Task<IReadOnlyList<SceneDocument>> SearchAsync(
        Guid scriptId, string query, string embeddingModel, float[]? queryVector, int k, double vectorWeight, CancellationToken ct = default) =>
        (await FindAsync(scriptId, query, embeddingModel, queryVector, k, vectorWeight, ct)).Found;

    /// <summary>The best min(k, n) scenes and, from the same read, every scene of the script (the writer's current one is among them).</summary>
    public async Task<RetrievedScenes> FindAsync(
        Guid scriptId, string query, string embeddingModel, float[]? queryVector, int k, double vectorWeight, CancellationToken ct = default)
    {
        var read = await corpus.LoadCorpusAsync(scriptId, embeddingModel, queryVector, ct);
        return new RetrievedScenes(HybridRanker.Rank(read.Scenes, read.Index, query, k, vectorWeight), read.Scenes);
    }
}

/// <summary>A search's result: the scenes found, best first, and the script's scenes in order as that search read them.</summary>
public sealed record RetrievedScenes(IReadOnlyList<SceneDocument> Found, IReadOnlyList<SceneDocument> All);
