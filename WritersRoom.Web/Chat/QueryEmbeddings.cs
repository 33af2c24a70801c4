using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Chat;

/// <summary>
/// The question's vector, cached by model and text: a retry, a repeated question or a tool search embeds once.
/// A failed embedding degrades retrieval to BM25 alone (null) rather than failing the turn.
/// </summary>
public sealed class QueryEmbeddings(IEmbeddingGenerator<string, Embedding<float>> generator, AiProviderInfo provider,
    IMemoryCache cache, ChatMetrics metrics, ILogger<QueryEmbeddings> log)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task<float[]?> EmbedAsync(string text, CancellationToken ct)
    {
        var key = (nameof(QueryEmbeddings), provider.EmbeddingModelKey, text);
        if (cache.TryGetValue(key, out float[]? vector))
        {
            metrics.Cache("query_embedding", hit: true);
            return vector;
        }

        metrics.Cache("query_embedding", hit: false);
        try
        {
            vector = (await generator.GenerateVectorAsync(text, cancellationToken: ct)).ToArray();
            cache.Set(key, vector, new MemoryCacheEntryOptions { SlidingExpiration = Lifetime, Size = vector.Length });
            return vector;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Query embedding failed; retrieving by words only");
            return null;
        }
    }
}
