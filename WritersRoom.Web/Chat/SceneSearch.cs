using WritersRoom.Core.Retrieval;
using WritersRoom.Data.Chat;

namespace WritersRoom.Web.Chat;

/// <summary>
/// A search inside one script: the question embedded for the model the script's vectors come from (see
/// <see cref="SearchModels"/>), then the hybrid ranking in one query. The embedding call holds no connection.
/// </summary>
public sealed class SceneSearch(SearchModels models, QueryEmbeddings embeddings, SceneRetrieval retrieval)
{
    public async Task<IReadOnlyList<SceneDocument>> SearchAsync(Guid scriptId, string query, int k, CancellationToken ct)
    {
        var model = await models.ForScriptAsync(scriptId, ct);
        var vector = await embeddings.EmbedAsync(query, model, ct);
        return await retrieval.SearchAsync(scriptId, query, model, vector, k, RetrievalWeights.For(model), ct);
    }
}
