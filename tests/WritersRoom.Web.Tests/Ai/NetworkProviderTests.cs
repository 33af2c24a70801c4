using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SemanticKernel;

namespace WritersRoom.Web.Tests.Ai;

/// <summary>Each networked provider's configuration reaches the configured endpoint, streamed chat and embeddings alike.</summary>
public sealed class NetworkProviderTests : IAsyncLifetime
{
    private FakeModelServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OpenAI_compatible_provider_streams_chat_from_the_configured_endpoint()
    {
        using var host = await StartAsync(("Provider", "OpenAI"), ("Endpoint", _server.Url + "/v1"), ("ApiKey", "test-key"),
            ("ChatModel", "fake-chat"), ("EmbeddingModel", "fake-embed"), ("EmbeddingDimensions", "3"));

        var pieces = await StreamAsync(host.Services.GetRequiredService<IChatClient>());

        Assert.Equal(FakeModelServer.ChatPieces, pieces);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("fake-chat", (string?)request.Body["model"]);
        Assert.True(request.Body["stream"]?.GetValue<bool>());
        Assert.Equal("Bearer test-key", request.Authorization);
    }

    [Fact]
    public async Task OpenAI_compatible_provider_embeds_through_the_configured_endpoint()
    {
        using var host = await StartAsync(("Provider", "OpenAI"), ("Endpoint", _server.Url + "/v1"),
            ("ChatModel", "fake-chat"), ("EmbeddingModel", "fake-embed"), ("EmbeddingDimensions", "3"));

        var embeddings = await host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()
            .GenerateAsync(["Will", "Edward"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([FakeModelServer.VectorFor(0), FakeModelServer.VectorFor(1)], embeddings.Select(e => e.Vector.ToArray()));
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("fake-embed", (string?)request.Body["model"]);
    }

    [Fact]
    public async Task Kernel_prompts_go_to_the_configured_provider()
    {
        using var host = await StartAsync(("Provider", "OpenAI"), ("Endpoint", _server.Url + "/v1"),
            ("ChatModel", "fake-chat"), ("EmbeddingModel", "fake-embed"), ("EmbeddingDimensions", "3"));

        var result = await host.Services.GetRequiredService<Kernel>()
            .InvokePromptAsync("Say hello", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(string.Concat(FakeModelServer.ChatPieces), result.ToString());
        Assert.Equal("/v1/chat/completions", Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public async Task Azure_provider_uses_the_v1_endpoint_deployment_names_and_api_key_header()
    {
        using var host = await StartAsync(("Provider", "AzureOpenAI"), ("Endpoint", _server.Url + "/"), ("ApiKey", "azure-key"),
            ("ChatModel", "chat-deployment"), ("EmbeddingModel", "text-embedding-3-small"));

        await StreamAsync(host.Services.GetRequiredService<IChatClient>());

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal("chat-deployment", (string?)request.Body["model"]);
        Assert.Equal("azure-key", request.ApiKeyHeader);
    }

    [Fact]
    public async Task Ollama_provider_streams_chat_and_embeds_through_its_native_api()
    {
        using var host = await StartAsync(("Provider", "Ollama"), ("Endpoint", _server.Url),
            ("ChatModel", "fake-llama"), ("EmbeddingModel", "fake-embed"), ("EmbeddingDimensions", "3"));

        var pieces = await StreamAsync(host.Services.GetRequiredService<IChatClient>());
        var vector = await host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()
            .GenerateVectorAsync("Will", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(string.Concat(FakeModelServer.ChatPieces), string.Concat(pieces));
        Assert.Equal(FakeModelServer.VectorFor(0), vector.ToArray());
        Assert.Equal(["/api/chat", "/api/embed"], _server.Requests.Select(r => r.Path));
        Assert.Equal("fake-llama", (string?)_server.Requests.First().Body["model"]);
    }

    [Fact]
    public async Task A_hung_embedding_call_fails_after_the_embedding_timeout()
    {
        using var host = await StartAsync(("Provider", "OpenAI"), ("Endpoint", _server.Url + "/v1"),
            ("ChatModel", "fake-chat"), ("EmbeddingModel", "fake-embed"), ("EmbeddingDimensions", "3"), ("EmbeddingTimeout", "00:00:00.5"));
        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var started = TimeProvider.System.GetTimestamp();

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            generator.GenerateAsync(["slow"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Ai:EmbeddingTimeout", error.Message);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Vectors_of_the_wrong_size_fail_with_the_setting_to_change()
    {
        using var host = await StartAsync(("Provider", "OpenAI"), ("Endpoint", _server.Url + "/v1"),
            ("ChatModel", "fake-chat"), ("EmbeddingModel", "fake-embed"), ("EmbeddingDimensions", "5"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services
            .GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()
            .GenerateAsync(["Will"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("set Ai:EmbeddingDimensions to 3", error.Message);
    }

    private static async Task<IHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var host = AiTestHost.Build(settings);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private static async Task<List<string>> StreamAsync(IChatClient client)
    {
        var pieces = new List<string>();
        await foreach (var update in client.GetStreamingResponseAsync("Hello?", cancellationToken: TestContext.Current.CancellationToken))
            if (update.Text.Length > 0)
                pieces.Add(update.Text);
        return pieces;
    }
}
