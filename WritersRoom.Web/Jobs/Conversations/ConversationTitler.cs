using Microsoft.Extensions.Options;
using WritersRoom.Data.Chat;

namespace WritersRoom.Web.Jobs.Conversations;

/// <summary>
/// Gives threads their smart title after the first exchange (until then they carry the first words of the question,
/// set at once when the thread was created). A failure backs that thread off and ends the run, so a provider that
/// is down is asked once per run; after a few failures the thread keeps its first-words title.
/// </summary>
public sealed class ConversationTitler(ConversationWorkStore store, ConversationWriter writer, IOptions<JobsOptions> options,
    TimeProvider time, ILogger<ConversationTitler> logger) : IBackgroundWork
{
    public const int MaxAttempts = 5;
    private const int ThreadsPerRun = 50;

    public async Task<WorkResult> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var pending = await store.PendingTitlesAsync(time.GetUtcNow(), ThreadsPerRun, ct);
        var done = 0;
        foreach (var thread in pending)
        {
            string title;
            try
            {
                title = await writer.TitleAsync(thread.FirstQuestion, thread.FirstAnswer, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Smart title failed for conversation {Conversation}", thread.ConversationId);
                await store.TitleFailedAsync(thread.ConversationId, time.GetUtcNow() + Backoff.Delay(o, thread.Attempts + 1), MaxAttempts, ct);
                return new WorkResult(done, 1, "Title: " + e.Message);
            }
            if (await store.SaveTitleAsync(thread.ConversationId, title, ct)) done++;
        }
        return new WorkResult(done);
    }
}
