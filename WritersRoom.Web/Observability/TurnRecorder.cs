namespace WritersRoom.Web.Observability;

/// <summary>
/// Keeps the last few hundred chat turns' step timings so the performance page can draw the slowest recent ones
/// as waterfalls.
/// </summary>
/// <remarks>
/// Contract for the chat pipeline: after a turn ends (answered, failed or cancelled), call
/// <see cref="Record(TurnTimings)"/> once with the same step timings it stores on <c>Message.Timings</c>.
/// It is a singleton, never blocks (one short lock), never throws, and does not touch the per-step histograms:
/// the pipeline records those itself in the <c>WritersRoom.Chat</c> meter (a histogram in ms with a <c>step</c>
/// tag), so nothing is counted twice. Step names are the pipeline's: access, conversation, intent,
/// context.global, context.embedding, context.retrieval, generation.first_token, generation, save, usage.
/// </remarks>
public sealed class TurnRecorder(TimeProvider clock)
{
    public const int Capacity = 500;

    private readonly TurnTimings?[] _ring = new TurnTimings?[Capacity];
    private readonly Lock _gate = new();
    private int _next;

    public void Record(TurnTimings turn)
    {
        lock (_gate)
        {
            _ring[_next] = turn;
            _next = (_next + 1) % Capacity;
        }
    }

    /// <summary>For a pipeline that only has step durations: the steps are laid end to end in the given order.</summary>
    public void Record(Guid turnId, IEnumerable<KeyValuePair<string, double>> stepDurationsMs, string? outcome = null)
    {
        var start = 0.0;
        var steps = new List<StepTiming>();
        foreach (var (step, ms) in stepDurationsMs)
        {
            steps.Add(new StepTiming(step, start, ms));
            start += ms;
        }
        Record(new TurnTimings(turnId, clock.GetUtcNow(), steps, outcome));
    }

    /// <summary>The <paramref name="count"/> slowest turns that ended within <paramref name="window"/>.</summary>
    public IReadOnlyList<TurnTimings> Slowest(int count, TimeSpan window)
    {
        var since = clock.GetUtcNow() - window;
        lock (_gate)
        {
            return _ring.OfType<TurnTimings>()
                .Where(t => t.EndedAt >= since)
                .OrderByDescending(t => t.TotalMs)
                .Take(count)
                .ToList();
        }
    }
}

/// <summary>One chat turn: when it ended and each step's start (from the turn's start) and duration, in ms.</summary>
public sealed record TurnTimings(Guid TurnId, DateTimeOffset EndedAt, IReadOnlyList<StepTiming> Steps, string? Outcome = null)
{
    public double TotalMs => Steps.Count == 0 ? 0 : Steps.Max(s => s.StartMs + s.DurationMs);
}

public readonly record struct StepTiming(string Step, double StartMs, double DurationMs);
