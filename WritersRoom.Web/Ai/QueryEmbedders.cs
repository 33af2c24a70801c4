using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Ai;

/// <summary>
/// An embedding generator for a given embedding model key, so that a question can be embedded for the vectors a
/// script has now. During a re-embed after a model change those are the previous model's: offline hashed vectors can
/// always be made here; a previous network model is asked at the configured provider under its own name (if the
/// provider no longer serves it, the call fails and retrieval falls back to words). Null when it cannot be made at all.
/// </summary>
public sealed class QueryEmbedders(IEmbeddingGenerator<string, Embedding<float>> current, AiProviderInfo ai, IOptions<AiOptions> options)
{
    private readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>?> _previous = new();

    public IEmbeddingGenerator<string, Embedding<float>>? For(string modelKey)
    {
        ArgumentNullException.ThrowIfNull(modelKey);
        return modelKey == ai.EmbeddingModelKey ? current : _previous.GetOrAdd(modelKey, Create);
    }

    private IEmbeddingGenerator<string, Embedding<float>>? Create(string modelKey)
    {
        if (HashedEmbedder.TryParseModelId(modelKey, out var size)) return new OfflineEmbeddingGenerator(size);

        // A network model's key is "name/dimensions" (AiProviderInfo.EmbeddingModelKey).
        var slash = modelKey.LastIndexOf('/');
        if (ai.IsOffline || slash <= 0 || !int.TryParse(modelKey.AsSpan(slash + 1), out var dimensions)) return null;
        var o = options.Value;
        var previous = new AiOptions
        {
            Provider = o.Provider, Endpoint = o.Endpoint, ApiKey = o.ApiKey, EmbeddingModel = modelKey[..slash], EmbeddingDimensions = dimensions,
            EmbeddingTimeout = o.EmbeddingTimeout, RequestTimeout = o.RequestTimeout,
        };
        var generator = AiClientFactory.CreateEmbeddingGenerator(previous, dimensions);
        return new EmbeddingTimeoutGenerator(new EmbeddingDimensionGuard(generator, dimensions, previous.EmbeddingModel), o.EmbeddingTimeout);
    }
}
