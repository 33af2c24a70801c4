namespace WritersRoom.Web.Editing.History;

/// <summary>
/// Looks at the live sessions now and then for the time rules of <see cref="HistoryOptions"/> (the edit-count rule
/// fires from the session itself). Cheap: a few comparisons per live script.
/// </summary>
public sealed class AutoSnapshotScheduler(ScriptSessionRegistry registry, HistoryOptions options, ILogger<AutoSnapshotScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = DateTimeOffset.UtcNow;
                var due = registry.Live().Count(s => s.RequestAutoSnapshotIfDue(now));
                if (due > 0) log.LogDebug("Automatic snapshots requested for {Count} script(s)", due);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
