using Npgsql;

namespace WritersRoom.Data.Bible;

/// <summary>
/// What the UI asks about the assistant's reading of a script: scenes it has not read in their current form
/// (the navigator marks them), failures, re-embed progress. Request-path reads: they use the shared pool
/// directly, never the jobs' gated connections, so a busy job cannot make a page wait.
/// </summary>
public sealed class SceneFreshness(NpgsqlDataSource dataSource)
{
    /// <summary>Scenes whose summary or embedding (for <paramref name="embeddingModel"/>) is missing or made from older text, in script order.</summary>
    public async Task<IReadOnlyList<Guid>> StaleSceneIds(Guid scriptId, string embeddingModel, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await SceneWorkStore.StaleSceneIdsAsync(connection, scriptId, embeddingModel, ct);
    }

    public async Task<IReadOnlyList<SceneFailureInfo>> Failures(Guid scriptId, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await SceneWorkStore.FailuresAsync(connection, scriptId, ct);
    }

    public async Task<int> QueueDepth(string embeddingModel, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await SceneWorkStore.QueueDepthAsync(connection, embeddingModel, ct);
    }

    public async Task<EmbeddingProgress> EmbeddingProgress(string embeddingModel, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await SceneWorkStore.EmbeddingProgressAsync(connection, embeddingModel, ct);
    }

    /// <summary>The embedding model vector search should use for a script now (the old one until a re-embed completes).</summary>
    public async Task<string?> SearchModel(Guid scriptId, string embeddingModel, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await SceneWorkStore.SearchModelAsync(connection, scriptId, embeddingModel, ct);
    }
}
