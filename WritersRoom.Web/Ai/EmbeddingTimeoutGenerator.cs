using Microsoft.Extensions.AI;

namespace WritersRoom.Web.Ai;

/// <summary>
/// Bounds one embedding call by <c>Ai:EmbeddingTimeout</c>: the query embedding sits on the chat path, and a
/// hung provider must turn into a fast, named failure (the caller can fall back to keyword search).
/// </summary>
internal sealed class EmbeddingTimeoutGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, TimeSpan timeout)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await base.GenerateAsync(values, options, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The embedding call took longer than Ai:EmbeddingTimeout ({timeout}).");
        }
    }
}
