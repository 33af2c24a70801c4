using System.Diagnostics;

namespace WritersRoom.Web.Chat;

/// <summary>Times the steps of one turn into the message's <c>Timings</c> and the step histogram.</summary>
public sealed class StepTimer(ChatMetrics metrics)
{
    private long _start = Stopwatch.GetTimestamp();

    public Dictionary<string, double> Timings { get; } = [];

    public void Restart() => _start = Stopwatch.GetTimestamp();

    /// <summary>Records a part of a step measured elsewhere (parts run in parallel), without moving the clock.</summary>
    public void Record(string step, double ms)
    {
        Timings[step] = Math.Round(ms, 3);
        metrics.Step(step, ms);
    }

    /// <summary>Ends the current step under <paramref name="step"/> and starts the next.</summary>
    public void Mark(string step)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Math.Round(Stopwatch.GetElapsedTime(_start, now).TotalMilliseconds, 3);
        Timings[step] = ms;
        metrics.Step(step, ms);
        _start = now;
    }
}
