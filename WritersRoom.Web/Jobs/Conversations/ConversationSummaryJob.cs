using Quartz;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Conversations;

/// <summary>Quartz entry for <see cref="ConversationSummaries"/>; overlapping runs would summarise the same threads twice.</summary>
[DisallowConcurrentExecution]
public sealed class ConversationSummaryJob(ConversationSummaries work, JobRunLog log, JobStatusBoard board, ILogger<ConversationSummaries> logger)
    : TrackedJob<ConversationSummaries>(work, log, board, logger)
{
    public static readonly JobKey Key = new("conversation-summaries", JobCatalog.Group);
}
