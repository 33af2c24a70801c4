using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using WritersRoom.Web.Observability.Metrics;

namespace WritersRoom.Benchmark;

/// <summary>
/// Exact samples per step for the report (a benchmark can afford to keep every sample; the app cannot). Fed by
/// the workloads' own timings and by the step histograms the chat pipeline and the editor publish.
/// </summary>
public sealed class StepRecorder : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _samples = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public StepRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is MeterNames.Chat or MeterNames.Editing
                && instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => FromMeter(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => FromMeter(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => FromMeter(i, v, tags));
        _listener.Start();
    }

    public void Record(string step, double milliseconds) =>
        _samples.GetOrAdd(step, _ => new ConcurrentQueue<double>()).Enqueue(milliseconds);

    /// <summary>Forgets the warm-up's samples (JIT, first connections, cold caches).</summary>
    public void Clear() => _samples.Clear();

    public static double Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    public async Task<T> TimeAsync<T>(string step, Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        Record(step, Since(start));
        return result;
    }

    public IReadOnlyDictionary<string, StepStats> Snapshot() =>
        _samples.ToDictionary(kv => kv.Key, kv => StepStats.Of(kv.Value.ToArray()), StringComparer.Ordinal);

    private void FromMeter(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != "step" || tag.Value?.ToString() is not { Length: > 0 } step) continue;
            Record(step, instrument.Unit == "s" ? value * 1000 : value);
            return;
        }
    }

    public void Dispose() => _listener.Dispose();
}

public sealed record StepStats(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static StepStats Of(double[] samples)
    {
        if (samples.Length == 0) return new StepStats(0, 0, 0, 0, 0);
        Array.Sort(samples);
        return new StepStats(samples.Length, Rank(samples, 0.50), Rank(samples, 0.95), Rank(samples, 0.99), samples[^1]);
    }

    /// <summary>Nearest-rank percentile: a value that was actually observed.</summary>
    private static double Rank(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Median of several runs' figures, field by field (PERFORMANCE.md: medians of several runs).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? 0 : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
