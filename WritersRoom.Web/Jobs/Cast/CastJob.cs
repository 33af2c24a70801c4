using Quartz;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Cast;

[DisallowConcurrentExecution]
public sealed class CastJob(CastRefresher work, JobRunLog log, JobStatusBoard board, ILogger<CastRefresher> logger)
    : TrackedJob<CastRefresher>(work, log, board, logger)
{
    public static readonly JobKey Key = new("characters-locations", JobCatalog.Group);
}
