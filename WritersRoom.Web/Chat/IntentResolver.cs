using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Heuristics first. Only a truly ambiguous message costs a model call, bounded by Assistant:IntentTimeout,
/// and any failure or odd reply falls back to <see cref="ChatIntent.Question"/>. Offline never calls.
/// </summary>
public sealed class IntentResolver(IChatClient chat, AiProviderInfo provider, IOptions<AssistantOptions> options)
{
    public async Task<ChatIntent> ResolveAsync(string message, CancellationToken ct)
    {
        if (IntentHeuristics.Classify(message) is { } intent) return intent;
        if (provider.IsOffline) return ChatIntent.Question;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.IntentTimeout);
        try
        {
            var reply = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, "Classify the writer's message as one word: question, continuity, brainstorm, rewrite or chitchat."),
                 new ChatMessage(ChatRole.User, message)],
                new ChatOptions { MaxOutputTokens = 4, Temperature = 0 }, timeout.Token);
            return Enum.TryParse<ChatIntent>(reply.Text.Trim().Replace("chitchat", "ChitChat", StringComparison.OrdinalIgnoreCase), true, out var parsed)
                ? parsed
                : ChatIntent.Question;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is OperationCanceledException or HttpRequestException or System.ClientModel.ClientResultException)
        {
            return ChatIntent.Question;
        }
    }
}
