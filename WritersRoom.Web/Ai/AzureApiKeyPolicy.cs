using System.ClientModel.Primitives;

namespace WritersRoom.Web.Ai;

/// <summary>
/// Adds Azure OpenAI's <c>api-key</c> header. The v1 endpoint also takes the key as a bearer token (which the
/// OpenAI client sends); the header keeps older resources and gateways that only read <c>api-key</c> working.
/// </summary>
internal sealed class AzureApiKeyPolicy(string apiKey) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set("api-key", apiKey);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set("api-key", apiKey);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
