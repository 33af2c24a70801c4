namespace WritersRoom.Core.Ai;

/// <summary>
/// What the UI and the jobs need to know about the active provider: which models, and whether answers
/// are offline extracts (the UI labels those clearly). Holds no secret.
/// </summary>
public sealed record AiProviderInfo(
    AiProvider Provider,
    string ChatModel,
    string EmbeddingModel,
    int EmbeddingDimensions,
    string? EndpointHost)
{
    /// <summary>Model id the offline chat client reports.</summary>
    public const string OfflineChatModel = "offline-extractive";

    public const string OfflineLabel = "Offline mode (no language model configured)";

    public bool IsOffline => Provider == AiProvider.Offline;

    /// <summary>
    /// What an embedding records as its model: changing the model or its size changes the key,
    /// so the background job re-embeds. The offline id already carries its size.
    /// </summary>
    public string EmbeddingModelKey => IsOffline ? EmbeddingModel : $"{EmbeddingModel}/{EmbeddingDimensions}";

    /// <summary>A short label for the UI.</summary>
    public string Label => IsOffline ? OfflineLabel : $"{Provider}: {ChatModel}";

    public static AiProviderInfo From(AiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dimensions = options.ResolveEmbeddingDimensions() ?? HashedEmbedder.DefaultDimensions;

        if (options.IsOffline)
            return new(AiProvider.Offline, OfflineChatModel, HashedEmbedder.ModelIdFor(dimensions), dimensions, null);

        var host = Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) ? endpoint.Host : null;
        return new(options.Provider, options.ChatModel ?? "", options.EmbeddingModel ?? "", dimensions, host);
    }
}
