namespace WritersRoom.Core.Ai;

/// <summary>
/// The <c>Ai</c> configuration section: which provider answers and embeds, and how long we wait for it.
/// Validated at start-up by <see cref="AiOptionsRules"/>, so a wrong setting fails the start, not a writer's question.
/// </summary>
public sealed class AiOptions
{
    public const string SectionName = "Ai";

    public AiProvider Provider { get; set; } = AiProvider.Offline;

    /// <summary>
    /// Base address of the provider. OpenAI-compatible: the URL that ends before <c>/chat/completions</c>
    /// (e.g. <c>https://api.openai.com/v1</c>, <c>http://localhost:11434/v1</c>). Azure OpenAI: the resource
    /// (<c>https://NAME.openai.azure.com/</c>). Ollama: the server (<c>http://localhost:11434</c>).
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Secret: comes from environment or user secrets, never from the repo.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Chat model name (the deployment name for Azure OpenAI).</summary>
    public string? ChatModel { get; set; }

    /// <summary>Embedding model name (the deployment name for Azure OpenAI).</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>
    /// Size of the vectors the embedding model returns. Optional when the model is a well-known one
    /// (see <see cref="KnownEmbeddingModels"/>) and offline, where it defaults to <see cref="HashedEmbedder.DefaultDimensions"/>.
    /// </summary>
    public int? EmbeddingDimensions { get; set; }

    /// <summary>Longest wait for the first streamed token. Applied by the chat pipeline, not by the clients here.</summary>
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest silence between two streamed tokens. Applied by the chat pipeline, not by the clients here.</summary>
    public TimeSpan BetweenTokensTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait for one embedding call (the query embedding is on the chat path).</summary>
    public TimeSpan EmbeddingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Network timeout of one HTTP call to the provider (a stalled connection fails instead of hanging).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public bool IsOffline => Provider == AiProvider.Offline;

    /// <summary>The configured dimension, else the known one for the model, else null (which validation rejects).</summary>
    public int? ResolveEmbeddingDimensions() =>
        EmbeddingDimensions
        ?? (IsOffline ? HashedEmbedder.DefaultDimensions : KnownEmbeddingModels.TryGetDimensions(EmbeddingModel));
}
