using WritersRoom.Core.Ai;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Scenes;

/// <summary>
/// For the script page's navigator: which scenes the assistant has not read yet (stale for the configured
/// embedding model), and which of them failed. Cheap reads on the shared pool.
/// </summary>
public sealed class AssistantReading(SceneFreshness freshness, AiProviderInfo ai)
{
    public Task<IReadOnlyList<Guid>> StaleSceneIds(Guid scriptId, CancellationToken ct = default) =>
        freshness.StaleSceneIds(scriptId, ai.EmbeddingModelKey, ct);

    public Task<IReadOnlyList<SceneFailureInfo>> Failures(Guid scriptId, CancellationToken ct = default) => freshness.Failures(scriptId, ct);

    public Task<EmbeddingProgress> ReembedProgress(CancellationToken ct = default) => freshness.EmbeddingProgress(ai.EmbeddingModelKey, ct);

    public Task<string?> SearchModel(Guid scriptId, CancellationToken ct = default) => freshness.SearchModel(scriptId, ai.EmbeddingModelKey, ct);
}
