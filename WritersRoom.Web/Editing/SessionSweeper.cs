namespace WritersRoom.Web.Editing;

/// <summary>Unloads idle sessions now and then, so memory follows the scripts in use, not every script ever opened.</summary>
public sealed class SessionSweeper(ScriptSessionRegistry registry, EditingOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) registry.Sweep(options.IdleTimeout);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
