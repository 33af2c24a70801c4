using Microsoft.Extensions.AI;

namespace WritersRoom.Web.Ai;

/// <summary>
/// Fails with the fix spelled out when the model's vectors are not the configured size: otherwise the
/// mismatch surfaces much later as an obscure pgvector error in a background job.
/// </summary>
internal sealed class EmbeddingDimensionGuard(IEmbeddingGenerator<string, Embedding<float>> inner, int dimensions, string model)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        foreach (var embedding in embeddings)
            if (embedding.Vector.Length != dimensions)
                throw new InvalidOperationException(
                    $"The embedding model '{model}' returned {embedding.Vector.Length} dimensions but Ai:EmbeddingDimensions is {dimensions}; "
                    + $"set Ai:EmbeddingDimensions to {embedding.Vector.Length}.");
        return embeddings;
    }
}
