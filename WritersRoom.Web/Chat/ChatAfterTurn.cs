using Microsoft.Extensions.Options;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// After the answer is saved: usage is enqueued (no I/O here) and counted against the daily budget, and a long
/// thread asks for its rolling summary. Nothing here calls a model.
/// </summary>
public sealed class ChatAfterTurn(UsageRecorder usage, ChatLimits limits, IConversationSummaryQueue summaries, IOptions<AssistantOptions> options)
{
    public void Completed(string userId, ChatTurnRequest request, Message answer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        var tokens = (long)answer.PromptTokens + answer.CompletionTokens;
        usage.Record(new UsageEntry(userId, request.ScriptId, answer.Model ?? "unknown", answer.PromptTokens, answer.CompletionTokens));
        limits.Spend(userId, tokens);
        summaries.RequestIfLong(request.ConversationId, options.Value.SummarizeAfterMessages);
    }
}
