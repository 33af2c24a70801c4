using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Tests.Ai;

public sealed class AiRegistrationTests
{
    private const string SceneContext = """
        [Scene 7] EXT. RIVER - DAY
        Edward lures the giant catfish with his wedding ring.
        """;

    [Fact]
    public async Task Offline_by_default_resolves_chat_embeddings_kernel_and_provider_info()
    {
        using var host = AiTestHost.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var services = host.Services;

        Assert.Equal(AiProviderInfo.OfflineChatModel, services.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()?.DefaultModelId);
        var embedding = await services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()
            .GenerateVectorAsync("Edward", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(384, embedding.Length);
        Assert.NotSame(services.GetRequiredService<Kernel>(), services.GetRequiredService<Kernel>());
        var info = services.GetRequiredService<AiProviderInfo>();
        Assert.True(info.IsOffline);
        Assert.Equal("offline-hashed-v1-384", info.EmbeddingModelKey);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Kernel_chat_completion_answers_with_the_offline_client()
    {
        using var host = AiTestHost.Build();
        var kernel = host.Services.GetRequiredService<Kernel>();
        var history = new ChatHistory();
        history.AddSystemMessage("Answer from these scenes.\n\n" + SceneContext);
        history.AddUserMessage("How does Edward catch the catfish?");

        var reply = await kernel.GetRequiredService<IChatCompletionService>()
            .GetChatMessageContentAsync(history, kernel: kernel, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith(ExtractiveResponder.OfflinePrefix, reply.Content);
        Assert.Contains("with his wedding ring.\" [Scene 7]", reply.Content);
    }

    [Fact]
    public async Task Kernel_prompt_functions_use_the_registered_chat_client()
    {
        using var host = AiTestHost.Build();
        var kernel = host.Services.GetRequiredService<Kernel>();

        var result = await kernel.InvokePromptAsync(
            "How does Edward catch the catfish?\n\n" + SceneContext, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("[Scene 7]", result.ToString());
        Assert.StartsWith(ExtractiveResponder.OfflinePrefix, result.ToString());
    }

    [Fact]
    public async Task OpenAI_without_endpoint_fails_start_up_with_the_key_to_set()
    {
        using var host = AiTestHost.Build(("Provider", "OpenAI"), ("ChatModel", "gpt-4o-mini"), ("EmbeddingModel", "text-embedding-3-small"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Ai:Endpoint is required when Ai:Provider is OpenAI.", error.Message);
    }

    [Fact]
    public async Task Offline_with_a_custom_size_embeds_at_that_size()
    {
        using var host = AiTestHost.Build(("EmbeddingDimensions", "128"));
        await host.StartAsync(TestContext.Current.CancellationToken);

        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var vector = await generator.GenerateVectorAsync("Jenny", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(128, vector.Length);
        Assert.Equal("offline-hashed-v1-128", generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
