using Quartz;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Scenes;

/// <summary>Quartz entry for <see cref="SceneRefresher"/>; two runs at once would summarise the same scenes twice.</summary>
[DisallowConcurrentExecution]
public sealed class SceneRefreshJob(SceneRefresher work, JobRunLog log, JobStatusBoard board, ILogger<SceneRefresher> logger)
    : TrackedJob<SceneRefresher>(work, log, board, logger)
{
    public static readonly JobKey Key = new("scene-summaries-embeddings", JobCatalog.Group);
}
