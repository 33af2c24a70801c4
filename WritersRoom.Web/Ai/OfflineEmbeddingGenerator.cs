using Microsoft.Extensions.AI;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Ai;

/// <summary>
/// The offline provider's embeddings: <see cref="HashedEmbedder"/> behind the standard interface, so
/// retrieval code is the same with or without a model. Its model id carries the size, so a change re-embeds.
/// </summary>
public sealed class OfflineEmbeddingGenerator(int dimensions = HashedEmbedder.DefaultDimensions)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HashedEmbedder _embedder = new(dimensions);
    private readonly EmbeddingGeneratorMetadata _metadata = new("offline", null, HashedEmbedder.ModelIdFor(dimensions), dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        long tokens = 0;
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(_embedder.Embed(value))
            {
                ModelId = _embedder.ModelId,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            tokens += TokenEstimate.Approximate(value);
        }

        embeddings.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
            return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata))
            return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
    }
}
