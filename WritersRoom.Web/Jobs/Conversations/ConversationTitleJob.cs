using Quartz;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Conversations;

/// <summary>Quartz entry for <see cref="ConversationTitler"/>; overlapping runs would title the same threads twice.</summary>
[DisallowConcurrentExecution]
public sealed class ConversationTitleJob(ConversationTitler work, JobRunLog log, JobStatusBoard board, ILogger<ConversationTitler> logger)
    : TrackedJob<ConversationTitler>(work, log, board, logger)
{
    public static readonly JobKey Key = new("conversation-titles", JobCatalog.Group);
}
