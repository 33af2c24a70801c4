using Microsoft.Extensions.AI;
using OpenAI;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Ai;

/// <summary>The provider switch: the bare chat client and embedding generator for the configured provider.</summary>
internal static class AiClientFactory
{
    public static IChatClient CreateChatClient(AiOptions options) => options.Provider switch
    {
        AiProvider.Offline => new OfflineChatClient(),
        AiProvider.OpenAI or AiProvider.AzureOpenAI =>
            OpenAIClients.Create(options, options.RequestTimeout).GetChatClient(options.ChatModel).AsIChatClient(),
        AiProvider.Ollama => OllamaClients.CreateChat(options),
        _ => throw new InvalidOperationException($"Unknown Ai:Provider '{options.Provider}'."),
    };

    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiOptions options, int dimensions) =>
        options.Provider switch
        {
            AiProvider.Offline => new OfflineEmbeddingGenerator(dimensions),

            // Dimensions are not sent: many compatible servers reject the parameter for models that cannot shorten.
            AiProvider.OpenAI or AiProvider.AzureOpenAI =>
                OpenAIClients.Create(options, options.EmbeddingTimeout).GetEmbeddingClient(options.EmbeddingModel).AsIEmbeddingGenerator(),
            AiProvider.Ollama => OllamaClients.CreateEmbeddings(options),
            _ => throw new InvalidOperationException($"Unknown Ai:Provider '{options.Provider}'."),
        };
}
