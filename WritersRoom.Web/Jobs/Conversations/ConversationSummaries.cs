using Microsoft.Extensions.Options;
using WritersRoom.Data.Chat;
using WritersRoom.Web.Chat;

namespace WritersRoom.Web.Jobs.Conversations;

/// <summary>
/// Keeps long threads' rolling summaries: when a thread has more than <c>Assistant:SummarizeAfterMessages</c> messages
/// after its summary, everything but the newest <c>Jobs:KeepRecentMessages</c> is folded into it. The chat then sends
/// the summary plus the messages after it. Idempotent: the write is conditional on the summary it started from.
/// </summary>
public sealed class ConversationSummaries(ConversationWorkStore store, ConversationWriter writer, IOptions<JobsOptions> jobs,
    IOptions<AssistantOptions> assistant, TimeProvider time, ILogger<ConversationSummaries> logger) : IBackgroundWork
{
    private const int ThreadsPerRun = 20;
    private const int MaxMessagesPerFold = 400;

    /// <summary>The one threshold (the assistant's), kept sane whatever is configured.</summary>
    public static int Threshold(AssistantOptions o) => Math.Max(2, o.SummarizeAfterMessages);

    public async Task<WorkResult> RunAsync(CancellationToken ct)
    {
        var threshold = Threshold(assistant.Value);
        var keep = Math.Clamp(jobs.Value.KeepRecentMessages, 0, threshold - 1);
        var pending = await store.PendingSummariesAsync(threshold, time.GetUtcNow(), ThreadsPerRun, MaxMessagesPerFold, ct);
        var done = 0;
        foreach (var thread in pending)
        {
            // A thread longer than one read is folded as far as was read; the next run continues.
            var foldCount = thread.Messages.Count >= MaxMessagesPerFold ? thread.Messages.Count : thread.Messages.Count - keep;
            if (foldCount <= 0) continue;
            var folded = thread.Messages.Take(foldCount).ToList();
            string summary;
            try
            {
                summary = await writer.SummaryAsync(thread.Summary, folded, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Rolling summary failed for conversation {Conversation}", thread.ConversationId);
                await store.SummaryFailedAsync(thread.ConversationId, time.GetUtcNow() + Backoff.Delay(jobs.Value, thread.Attempts + 1), ct);
                return new WorkResult(done, 1, "Summary: " + e.Message);
            }
            if (await store.SaveSummaryAsync(thread.ConversationId, thread.SummarizedThrough, summary, folded[^1].CreatedAt, ct)) done++;
        }
        return new WorkResult(done);
    }
}
