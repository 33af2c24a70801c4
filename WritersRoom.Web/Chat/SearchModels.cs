using Microsoft.Extensions.Caching.Memory;
using WritersRoom.Core.Ai;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Which embedding model a script's vector search uses now: the configured one once every scene has a vector from it,
/// until then (a re-embed after a model change) the model most of its vectors come from, so search keeps working on
/// the old vectors. Once a script is on the configured model it stays there (the old vectors are retired), so that
/// answer is kept for the process's life; during a re-embed (rare, minutes) each search asks again (one small query),
/// so it moves to the new vectors the moment they are complete.
/// </summary>
public sealed class SearchModels(SceneFreshness freshness, AiProviderInfo ai, IMemoryCache cache)
{
    public async Task<string> ForScriptAsync(Guid scriptId, CancellationToken ct)
    {
        var key = (nameof(SearchModels), scriptId);
        if (cache.TryGetValue(key, out string? model) && model is not null) return model;

        model = await freshness.SearchModel(scriptId, ai.EmbeddingModelKey, ct) ?? ai.EmbeddingModelKey;
        if (model == ai.EmbeddingModelKey) cache.Set(key, model, new MemoryCacheEntryOptions { Priority = CacheItemPriority.Low, Size = 1 });
        return model;
    }
}
