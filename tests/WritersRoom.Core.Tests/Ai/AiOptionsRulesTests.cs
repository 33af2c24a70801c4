using WritersRoom.Core.Ai;

namespace WritersRoom.Core.Tests.Ai;

public sealed class AiOptionsRulesTests
{
    [Fact]
    public void Offline_with_nothing_configured_is_valid()
    {
        Assert.Empty(AiOptionsRules.Validate(new AiOptions()));
        Assert.Equal(384, new AiOptions().ResolveEmbeddingDimensions());
    }

    [Fact]
    public void OpenAI_without_endpoint_or_models_is_rejected_with_the_keys_to_set()
    {
        var errors = AiOptionsRules.Validate(new AiOptions { Provider = AiProvider.OpenAI });

        Assert.Contains("Ai:Endpoint is required when Ai:Provider is OpenAI.", errors);
        Assert.Contains("Ai:ChatModel is required when Ai:Provider is OpenAI.", errors);
        Assert.Contains("Ai:EmbeddingModel is required when Ai:Provider is OpenAI.", errors);
    }

    [Fact]
    public void OpenAI_compatible_server_without_key_is_valid_and_known_model_sizes_are_filled_in()
    {
        var options = new AiOptions
        {
            Provider = AiProvider.OpenAI,
            Endpoint = "http://localhost:11434/v1",
            ChatModel = "llama3.2",
            EmbeddingModel = "nomic-embed-text:latest",
        };

        Assert.Empty(AiOptionsRules.Validate(options));
        Assert.Equal(768, options.ResolveEmbeddingDimensions());
    }

    [Fact]
    public void Unknown_embedding_model_needs_its_dimension()
    {
        var errors = AiOptionsRules.Validate(new AiOptions
        {
            Provider = AiProvider.Ollama, Endpoint = "http://localhost:11434", ChatModel = "qwen3", EmbeddingModel = "my-embedder",
        });

        Assert.Single(errors);
        Assert.StartsWith("Ai:EmbeddingDimensions is required when Ai:Provider is Ollama", errors[0]);
    }

    [Fact]
    public void Azure_needs_a_key_and_says_models_are_deployment_names()
    {
        var errors = AiOptionsRules.Validate(new AiOptions { Provider = AiProvider.AzureOpenAI, Endpoint = "https://x.openai.azure.com/" });

        Assert.Contains("Ai:ApiKey is required when Ai:Provider is AzureOpenAI.", errors);
        Assert.Contains("Ai:ChatModel (the deployment name) is required when Ai:Provider is AzureOpenAI.", errors);
    }

    [Fact]
    public void Bad_endpoint_timeouts_and_sizes_are_rejected()
    {
        var errors = AiOptionsRules.Validate(new AiOptions
        {
            Provider = AiProvider.OpenAI, Endpoint = "localhost:8000", ChatModel = "m", EmbeddingModel = "e",
            EmbeddingDimensions = 0, FirstTokenTimeout = TimeSpan.Zero,
        });

        Assert.Contains(errors, e => e.StartsWith("Ai:Endpoint must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Ai:EmbeddingDimensions must be between 1 and 16000", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Ai:FirstTokenTimeout must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public void Provider_info_labels_offline_and_keys_embeddings_by_model_and_size()
    {
        var offline = AiProviderInfo.From(new AiOptions());
        var remote = AiProviderInfo.From(new AiOptions
        {
            Provider = AiProvider.OpenAI, Endpoint = "https://api.example.com/v1", ChatModel = "gpt-x", EmbeddingModel = "text-embedding-3-small",
        });

        Assert.True(offline.IsOffline);
        Assert.Equal("offline-hashed-v1-384", offline.EmbeddingModelKey);
        Assert.False(remote.IsOffline);
        Assert.Equal("text-embedding-3-small/1536", remote.EmbeddingModelKey);
        Assert.Equal("api.example.com", remote.EndpointHost);
    }
}
