namespace WritersRoom.Web.Observability.Metrics;

public enum SeriesKind { Histogram, Counter, UpDownCounter, Gauge }

/// <summary>
/// One instrument with one combination of the tags we keep (e.g. the chat histogram with step=context), and its
/// rolling data: a histogram for histograms, a counter for everything else.
/// </summary>
public sealed class Series
{
    private readonly Lock _passGate = new();
    private long _pass = -1;
    private double _passSum;
    private double _counted;

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

    /// <summary>
    /// An observable instrument's reading in sampling pass <paramref name="pass"/>: several readings in one pass (one
    /// per pool, say, when pools share the tags we keep) add up instead of the last one replacing the others.
    /// </summary>
    internal void ObserveInPass(double value, long epoch, long pass)
    {
        double level;
        lock (_passGate)
        {
            StartPassLocked(pass);
            _passSum += value;
            level = _passSum;
        }
        Counter!.Observe(level, epoch);
    }

    /// <summary>An observable counter reports running totals (summed over a pass as above); the windows want increments.</summary>
    internal void ObserveCumulative(double total, long epoch, long pass)
    {
        double delta;
        lock (_passGate)
        {
            StartPassLocked(pass);
            _passSum += total;
            // Within a pass the sum only grows, and what was counted up to the previous pass's total is already in.
            delta = Math.Max(0, _passSum - _counted);
            _counted = Math.Max(_counted, _passSum);
        }
        if (delta != 0) Counter!.Add(delta, epoch);
    }

    private void StartPassLocked(long pass)
    {
        if (pass == _pass) return;
        // A total that went down (a pool gone) starts the count again from the new total.
        if (_pass >= 0 && _passSum < _counted) _counted = _passSum;
        _pass = pass;
        _passSum = 0;
    }
}
