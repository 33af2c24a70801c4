using Quartz;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Outline;

/// <summary>Quartz entry for <see cref="OutlineDrafter"/>; overlapping runs would draft the same outline twice.</summary>
[DisallowConcurrentExecution]
public sealed class OutlineJob(OutlineDrafter work, JobRunLog log, JobStatusBoard board, ILogger<OutlineDrafter> logger)
    : TrackedJob<OutlineDrafter>(work, log, board, logger)
{
    public static readonly JobKey Key = new("outline", JobCatalog.Group);
}
