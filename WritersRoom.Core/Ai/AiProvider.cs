namespace WritersRoom.Core.Ai;

/// <summary>Which model provider serves chat and embeddings. Chosen by <c>Ai:Provider</c>.</summary>
public enum AiProvider
{
    /// <summary>No network: hashed embeddings and extractive answers. The default, so a fresh install works.</summary>
    Offline,

    /// <summary>Any OpenAI-compatible server: OpenAI itself, Ollama's <c>/v1</c>, vLLM, LM Studio, llama.cpp.</summary>
    OpenAI,

    /// <summary>Azure OpenAI through its v1 endpoint; the model names are deployment names.</summary>
    AzureOpenAI,

    /// <summary>Ollama's native API (through OllamaSharp).</summary>
    Ollama,
}
