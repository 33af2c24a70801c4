namespace WritersRoom.Core.Ai;

/// <summary>
/// Output sizes of common embedding models, so a self-hoster naming one need not also look up its dimension.
/// Anything else needs <c>Ai:EmbeddingDimensions</c>: the vector column's size depends on it.
/// </summary>
public static class KnownEmbeddingModels
{
    private static readonly Dictionary<string, int> Dimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text-embedding-3-small"] = 1536,
        ["text-embedding-3-large"] = 3072,
        ["text-embedding-ada-002"] = 1536,
        ["nomic-embed-text"] = 768,
        ["nomic-embed-text-v1.5"] = 768,
        ["mxbai-embed-large"] = 1024,
        ["all-minilm"] = 384,
        ["all-minilm-l6-v2"] = 384,
        ["bge-small-en-v1.5"] = 384,
        ["bge-base-en-v1.5"] = 768,
        ["bge-large-en-v1.5"] = 1024,
        ["bge-m3"] = 1024,
    };

    /// <summary>
    /// Looks the model up by its bare name: an Ollama tag (<c>nomic-embed-text:latest</c>) and a Hugging Face
    /// owner (<c>BAAI/bge-small-en-v1.5</c>) do not change the size.
    /// </summary>
    public static int? TryGetDimensions(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
            return null;

        var name = model.Trim();
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
            name = name[(slash + 1)..];
        var colon = name.IndexOf(':');
        if (colon >= 0)
            name = name[..colon];

        return Dimensions.TryGetValue(name, out var size) ? size : null;
    }
}
