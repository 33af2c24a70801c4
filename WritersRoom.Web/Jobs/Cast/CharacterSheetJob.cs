using Quartz;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Cast;

/// <summary>Quartz entry for <see cref="SheetDrafter"/>; overlapping runs would draft the same sheets twice.</summary>
[DisallowConcurrentExecution]
public sealed class CharacterSheetJob(SheetDrafter work, JobRunLog log, JobStatusBoard board, ILogger<SheetDrafter> logger)
    : TrackedJob<SheetDrafter>(work, log, board, logger)
{
    public static readonly JobKey Key = new("character-sheets", JobCatalog.Group);
}
