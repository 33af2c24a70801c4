using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Ai;

/// <summary>
/// Builds the OpenAI SDK client for the OpenAI-compatible and Azure OpenAI providers. Azure goes through
/// its OpenAI-compatible v1 endpoint (<c>https://NAME.openai.azure.com/openai/v1/</c>, models named by
/// deployment) with the plain OpenAI SDK: Azure.AI.OpenAI is only a prerelease built against an older OpenAI SDK.
/// </summary>
internal static class OpenAIClients
{
    // Local servers (Ollama, vLLM, LM Studio) ignore the key, but the SDK insists on a non-empty credential.
    private const string NoKey = "no-key";

    public static OpenAIClient Create(AiOptions options, TimeSpan networkTimeout)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Provider == AiProvider.AzureOpenAI ? AzureV1Endpoint(options.Endpoint!) : new Uri(options.Endpoint!),

            // Applies to each try and to each read of a streamed body: a stalled server fails instead of hanging.
            NetworkTimeout = networkTimeout,

            // No SDK retries: the chat pipeline owns them (429 honours Retry-After once, 5xx once, never after the
            // first token), and the SDK's default of three retries would multiply a provider's outage.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };

        if (options.Provider == AiProvider.AzureOpenAI)
            clientOptions.AddPolicy(new AzureApiKeyPolicy(options.ApiKey!), PipelinePosition.PerCall);

        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions);
    }

    /// <summary>Accepts the resource URL as the portal shows it, or the v1 URL itself.</summary>
    public static Uri AzureV1Endpoint(string endpoint)
    {
        var trimmed = endpoint.TrimEnd('/');
        return trimmed.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase)
            ? new Uri(trimmed + "/")
            : new Uri(trimmed + "/openai/v1/");
    }
}
