using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using WritersRoom.Core.Ai;
using WritersRoom.Web.Ai;

namespace WritersRoom.Web.Chat;

/// <summary>
/// The question's vector, cached by model and text: a retry, a repeated question or a tool search embeds once.
/// A failed embedding degrades retrieval to BM25 alone (null) rather than failing the turn.
/// </summary>
public sealed class QueryEmbeddings(QueryEmbedders generators, AiProviderInfo provider,
    IMemoryCache cache, ChatMetrics metrics, ILogger<QueryEmbeddings> log)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The vector for the configured embedding model.</summary>
    public Task<float[]?> EmbedAsync(string text, CancellationToken ct) => EmbedAsync(text, provider.EmbeddingModelKey, ct);

    /// <summary>The vector for <paramref name="modelKey"/> (the previous model's while a re-embed runs); null if it cannot be made.</summary>
    public async Task<float[]?> EmbedAsync(string text, string modelKey, CancellationToken ct)
    {
        var key = (nameof(QueryEmbeddings), modelKey, text);
        if (cache.TryGetValue(key, out float[]? vector))
        {
            metrics.Cache("query_embedding", hit: true);
            return vector;
        }

        metrics.Cache("query_embedding", hit: false);
        if (generators.For(modelKey) is not { } generator) return null;
        try
        {
            vector = (await generator.GenerateVectorAsync(text, cancellationToken: ct)).ToArray();
            cache.Set(key, vector, new MemoryCacheEntryOptions { SlidingExpiration = Lifetime, Size = vector.Length });
            return vector;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Query embedding with {Model} failed; retrieving by words only", modelKey);
            return null;
        }
    }
}
