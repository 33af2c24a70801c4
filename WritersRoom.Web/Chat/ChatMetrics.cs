using System.Diagnostics.Metrics;

namespace WritersRoom.Web.Chat;

/// <summary>Meter <c>WritersRoom.Chat</c>: one histogram of step durations tagged by step, plus cache counters.</summary>
public sealed class ChatMetrics
{
    public const string MeterName = "WritersRoom.Chat";

    private readonly Histogram<double> _steps;
    private readonly Counter<long> _cache;

    public ChatMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _steps = meter.CreateHistogram<double>("writersroom.chat.step.duration", "ms", "Duration of one chat pipeline step");
        _cache = meter.CreateCounter<long>("writersroom.chat.cache.lookups", description: "Chat cache lookups by cache and outcome");
    }

    public void Step(string step, double milliseconds) => _steps.Record(milliseconds, new KeyValuePair<string, object?>("step", step));

    public void Cache(string cache, bool hit) =>
        _cache.Add(1, new KeyValuePair<string, object?>("cache", cache), new KeyValuePair<string, object?>("hit", hit));
}
