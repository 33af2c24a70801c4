namespace WritersRoom.Web.Observability.Metrics;

public enum SeriesKind { Histogram, Counter, UpDownCounter, Gauge }

/// <summary>
/// One instrument with one combination of the tags we keep (e.g. the chat histogram with step=context), and its
/// rolling data: a histogram for histograms, a counter for everything else.
/// </summary>
public sealed class Series
{
    private double _lastCumulative = double.NaN;
    private readonly Lock _cumulativeGate = new();

    internal Series(string meter, string instrument, string unit, SeriesKind kind, IReadOnlyDictionary<string, string> tags)
    {
        Meter = meter;
        Instrument = instrument;
        Unit = unit;
        Kind = kind;
        Tags = tags;
        if (kind == SeriesKind.Histogram) Histogram = new RollingHistogram();
        else Counter = new RollingCounter();
    }

    public string Meter { get; }
    public string Instrument { get; }
    /// <summary>Durations are milliseconds ("ms") whatever unit the instrument declared.</summary>
    public string Unit { get; }
    public SeriesKind Kind { get; }
    public IReadOnlyDictionary<string, string> Tags { get; }
    public RollingHistogram? Histogram { get; }
    public RollingCounter? Counter { get; }

    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;

    public string TagText => string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"));

    /// <summary>An observable counter reports running totals; the windows want increments.</summary>
    internal void ObserveCumulative(double total, long epoch)
    {
        double delta;
        lock (_cumulativeGate)
        {
            delta = double.IsNaN(_lastCumulative) ? total : total - _lastCumulative;
            _lastCumulative = total;
        }
        if (delta != 0) Counter!.Add(delta, epoch);
    }
}
