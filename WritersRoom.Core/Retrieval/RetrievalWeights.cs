namespace WritersRoom.Core.Retrieval;

/// <summary>How much the vector ranking counts in the fusion, by embedding kind.</summary>
public static class RetrievalWeights
{
    /// <summary>
    /// Offline hashed n-gram vectors carry little meaning: on Big Fish, equal weight lost two plot questions that
    /// BM25 alone found; at 0.1 they only break near-ties.
    /// </summary>
    public const double OfflineVectorWeight = 0.1;

    public const double ModelVectorWeight = 1.0;

    /// <summary>The weight for vectors of the given embedding model (hashed offline vectors count little).</summary>
    public static double For(string embeddingModel) =>
        Ai.HashedEmbedder.TryParseModelId(embeddingModel, out _) ? OfflineVectorWeight : ModelVectorWeight;
}
