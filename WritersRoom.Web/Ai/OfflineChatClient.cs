using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;

namespace WritersRoom.Web.Ai;

/// <summary>
/// The offline provider's chat: <see cref="ExtractiveResponder"/> behind <see cref="IChatClient"/>, so the
/// chat pipeline, streaming UI and usage accounting run unchanged without a model. It never calls tools, so it never
/// proposes a rewrite: asked for one, it says it cannot.
/// Streaming yields word by word with only a scheduler yield in between: real streaming, no fake latency.
/// </summary>
public sealed partial class OfflineChatClient : IChatClient
{
    private readonly ExtractiveResponder _responder = new();
    private readonly ChatClientMetadata _metadata = new("offline", null, AiProviderInfo.OfflineChatModel);

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var (answer, usage) = Answer(messages);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ResponseId = NewId(),
            ModelId = AiProviderInfo.OfflineChatModel,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = ChatFinishReason.Stop,
            Usage = usage,
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (answer, usage) = Answer(messages);
        var responseId = NewId();
        var createdAt = DateTimeOffset.UtcNow;

        foreach (Match piece in WordWithSpace().Matches(answer))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return Update(new ChatResponseUpdate(ChatRole.Assistant, piece.Value), responseId, createdAt);
        }

        // Usage and the finish reason come last, as the OpenAI-compatible providers send them.
        var last = Update(new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)]), responseId, createdAt);
        last.FinishReason = ChatFinishReason.Stop;
        yield return last;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
            return null;
        if (serviceType == typeof(ChatClientMetadata))
            return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
    }

    private (string Answer, UsageDetails Usage) Answer(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var (question, passages) = OfflinePrompt.Read(list);
        // The same heuristics as the pipeline's intent step (offline never asks a model), on the question without its selection.
        var asked = question.Split("\n\n", 2)[0];
        var answer = IntentHeuristics.Classify(asked) == ChatIntent.Rewrite
            ? _responder.RespondToRewrite(question, passages)
            : _responder.Respond(question, passages);
        long input = list.Sum(m => (long)TokenEstimate.Approximate(m.Text));
        long output = TokenEstimate.Approximate(answer);
        return (answer, new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output });
    }

    private static ChatResponseUpdate Update(ChatResponseUpdate update, string responseId, DateTimeOffset createdAt)
    {
        update.ResponseId = responseId;
        update.MessageId = responseId;
        update.ModelId = AiProviderInfo.OfflineChatModel;
        update.CreatedAt = createdAt;
        return update;
    }

    private static string NewId() => "offline-" + Guid.NewGuid().ToString("N");

    // A word with the whitespace after it, plus any leading whitespace: the pieces concatenate to the answer.
    [GeneratedRegex(@"\s*\S+\s*")]
    private static partial Regex WordWithSpace();
}
