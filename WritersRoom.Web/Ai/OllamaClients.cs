using Microsoft.Extensions.AI;
using OllamaSharp;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Ai;

/// <summary>Builds OllamaSharp clients (which implement the Microsoft.Extensions.AI interfaces) with a bounded HttpClient.</summary>
internal static class OllamaClients
{
    public static IChatClient CreateChat(AiOptions options) => new OllamaApiClient(CreateHttpClient(options), options.ChatModel!);

    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddings(AiOptions options) =>
        new OllamaApiClient(CreateHttpClient(options), options.EmbeddingModel!);

    private static HttpClient CreateHttpClient(AiOptions options) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(options.Endpoint!),

            // Covers a call up to its response headers: a server that never answers fails after RequestTimeout.
            Timeout = options.RequestTimeout,
        };
}
