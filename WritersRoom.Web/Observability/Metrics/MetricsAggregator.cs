using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WritersRoom.Web.Observability.Metrics;

/// <summary>
/// Listens to our meters (and Npgsql's) in process and keeps rolling 5-minute / 1-hour windows of every
/// instrument, so the performance page reads memory, never the database, on each refresh. Areas publish with
/// plain <see cref="Meter"/> instruments and never reference this class.
/// </summary>
/// <remarks>
/// Only a few tag keys are kept (step, cache, result, job, state…): anything per-user or per-script would make
/// the series unbounded. Durations in seconds are converted to milliseconds on the way in.
/// </remarks>
public sealed class MetricsAggregator : IDisposable
{
    public static readonly IReadOnlySet<string> KeptTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "step", "cache", "result", "hit", "job", "queue", "state", "operation", "outcome", "status", "kind", "type",
        "error.type", "gen_ai.operation.name", "gen_ai.token.type", "db.client.connection.state",
    };

    private readonly MeterListener _listener;
    private readonly TimeProvider _clock;
    private readonly IMeterFactory? _scope;
    private readonly IReadOnlySet<string> _meters;
    private readonly ConcurrentDictionary<(Instrument, string), Series> _series = new();
    private Timer? _sampler;
    // Observable instruments report only while Sample runs; a pass number lets a series add up the several
    // observations one pass gives it (one per connection pool when pools share the tags we keep).
    private readonly Lock _sampling = new();
    private long _pass;

    /// <param name="clock">The windows' clock.</param>
    /// <param name="scope">When given, meters made by another <see cref="IMeterFactory"/> (another host in the same
    /// process, as in tests) are ignored; static meters (no scope) are always heard.</param>
    /// <param name="meters">Meter names to listen to; <see cref="MeterNames.All"/> by default.</param>
    public MetricsAggregator(TimeProvider clock, IMeterFactory? scope = null, IEnumerable<string>? meters = null)
    {
        _clock = clock;
        _scope = scope;
        _meters = new HashSet<string>(meters ?? MeterNames.All, StringComparer.Ordinal);
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<double>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<float>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<long>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<short>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<byte>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<decimal>((i, v, t, s) => OnMeasurement(i, (double)v, t));
        _listener.Start();
    }

    public long Epoch => TimeSlices.EpochOf(_clock.GetUtcNow());

    public IEnumerable<Series> AllSeries => _series.Values;

    public IEnumerable<Series> SeriesOf(string meter) => _series.Values.Where(s => s.Meter == meter);

    /// <summary>Samples observable instruments every <paramref name="interval"/> (pool counts, circuits).</summary>
    public void StartSampling(TimeSpan interval)
    {
        _sampler ??= new Timer(_ => Sample(), null, TimeSpan.Zero, interval);
    }

    /// <summary>Reads every observable instrument now.</summary>
    public void Sample()
    {
        try
        {
            lock (_sampling)
            {
                _pass++;
                _listener.RecordObservableInstruments();
            }
        }
        catch (ObjectDisposedException)
        {
            // A meter was disposed between publish and read (a host shutting down); the next tick skips it.
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meters.Contains(instrument.Meter.Name)) return;
        if (_scope is not null && instrument.Meter.Scope is not null && !ReferenceEquals(instrument.Meter.Scope, _scope)) return;
        listener.EnableMeasurementEvents(instrument);
    }

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = SeriesFor(instrument, tags);
        var epoch = Epoch;
        switch (instrument)
        {
            case Histogram<double> or Histogram<float> or Histogram<long> or Histogram<int> or Histogram<short>
                or Histogram<byte> or Histogram<decimal>:
                series.Histogram!.Record(value * Scale(instrument), epoch);
                break;
            case ObservableCounter<double> or ObservableCounter<float> or ObservableCounter<long> or ObservableCounter<int>
                or ObservableCounter<short> or ObservableCounter<byte> or ObservableCounter<decimal>:
                series.ObserveCumulative(value, epoch, Volatile.Read(ref _pass));
                break;
            case ObservableInstrument<double> or ObservableInstrument<float> or ObservableInstrument<long> or ObservableInstrument<int>
                or ObservableInstrument<short> or ObservableInstrument<byte> or ObservableInstrument<decimal>:
                series.ObserveInPass(value, epoch, Volatile.Read(ref _pass));
                break;
            case Gauge<double> or Gauge<float> or Gauge<long> or Gauge<int> or Gauge<short> or Gauge<byte> or Gauge<decimal>:
                series.Counter!.Observe(value, epoch);
                break;
            default:
                series.Counter!.Add(value, epoch);
                break;
        }
    }

    private Series SeriesFor(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var signature = Signature(tags);
        if (_series.TryGetValue((instrument, signature), out var series)) return series;
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (KeptTags.Contains(tag.Key)) kept[tag.Key] = tag.Value?.ToString() ?? "";
        }
        return _series.GetOrAdd((instrument, signature), _ => new Series(
            instrument.Meter.Name, instrument.Name, Scale(instrument) == 1000 ? "ms" : instrument.Unit ?? "", KindOf(instrument), kept));
    }

    private static string Signature(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? first = null;
        List<string>? more = null;
        foreach (var tag in tags)
        {
            if (!KeptTags.Contains(tag.Key)) continue;
            var part = tag.Key + "=" + tag.Value;
            if (first is null) first = part;
            else (more ??= [first]).Add(part);
        }
        if (more is null) return first ?? "";
        more.Sort(StringComparer.Ordinal);
        return string.Join('&', more);
    }

    private static double Scale(Instrument instrument) => instrument.Unit == "s" ? 1000 : 1;

    private static SeriesKind KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType) return SeriesKind.Counter;
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Histogram<>)) return SeriesKind.Histogram;
        if (definition == typeof(UpDownCounter<>)) return SeriesKind.UpDownCounter;
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>)) return SeriesKind.Counter;
        if (definition == typeof(ObservableUpDownCounter<>)) return SeriesKind.UpDownCounter;
        return SeriesKind.Gauge;
    }

    public void Dispose()
    {
        _sampler?.Dispose();
        _listener.Dispose();
    }
}
