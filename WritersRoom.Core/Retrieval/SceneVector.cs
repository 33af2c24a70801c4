using System.Numerics.Tensors;

namespace WritersRoom.Core.Retrieval;

/// <summary>
/// A scene's embedding from one model, as stored at <see cref="StoredAt"/>, kept beside its text so a question's
/// vector is compared in memory instead of reading every scene's 6 KB vector again.
/// </summary>
public sealed record SceneVector(string Model, DateTimeOffset StoredAt, float[] Values)
{
    /// <summary>Cosine distance as pgvector's <c>&lt;=&gt;</c> computes it: 1 − cos(θ); null when either vector is zero or the lengths differ.</summary>
    public double? DistanceTo(ReadOnlySpan<float> query)
    {
        if (query.Length != Values.Length || query.Length == 0) return null;
        var similarity = TensorPrimitives.CosineSimilarity(query, Values);
        return float.IsNaN(similarity) ? null : 1.0 - similarity;
    }

    public long Bytes => (long)Values.Length * sizeof(float);
}
