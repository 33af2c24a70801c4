using System.Diagnostics;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data.Chat;

namespace WritersRoom.Web.Chat;

/// <summary>
/// A search inside one script: the question embedded for the model the script's vectors come from (see
/// <see cref="SearchModels"/>), then the hybrid ranking in one query. The embedding call holds no connection.
/// </summary>
public sealed class SceneSearch(SearchModels models, QueryEmbeddings embeddings, SceneRetrieval retrieval)
{
    public async Task<IReadOnlyList<SceneDocument>> SearchAsync(Guid scriptId, string query, int k, CancellationToken ct) =>
        (await FindAsync(scriptId, query, k, ct)).Found;

    /// <param name="timings">When given, receives <c>context.embedding</c> (the model call) and <c>context.retrieval</c>.</param>
    public async Task<RetrievedScenes> FindAsync(Guid scriptId, string query, int k, CancellationToken ct,
        IDictionary<string, double>? timings = null)
    {
        var model = await models.ForScriptAsync(scriptId, ct);
        var started = Stopwatch.GetTimestamp();
        var vector = await embeddings.EmbedAsync(query, model, ct);
        var embedded = Stopwatch.GetTimestamp();
        var found = await retrieval.FindAsync(scriptId, query, model, vector, k, RetrievalWeights.For(model), ct);
        if (timings is not null)
        {
            timings["context.embedding"] = Stopwatch.GetElapsedTime(started, embedded).TotalMilliseconds;
            timings["context.retrieval"] = Stopwatch.GetElapsedTime(embedded).TotalMilliseconds;
        }
        return found;
    }
}
