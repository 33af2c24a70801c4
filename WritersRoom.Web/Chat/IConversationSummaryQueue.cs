namespace WritersRoom.Web.Chat;

/// <summary>
/// Where the chat asks for a thread's rolling summary. The jobs branch owns the job (state-driven: it picks threads
/// whose message count passed the threshold since their last summary), so the default here does nothing; the jobs
/// registration should replace it with one that triggers the job now.
/// </summary>
public interface IConversationSummaryQueue
{
    void RequestIfLong(Guid conversationId, int threshold);
}

internal sealed class StateDrivenSummaryQueue : IConversationSummaryQueue
{
    public void RequestIfLong(Guid conversationId, int threshold)
    {
        // The summary job finds long threads from their counters; nothing to push.
    }
}
