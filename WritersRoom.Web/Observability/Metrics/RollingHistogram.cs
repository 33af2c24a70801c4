namespace WritersRoom.Web.Observability.Metrics;

/// <summary>
/// A histogram over the last hour in 10-second slices of <see cref="LatencyBuckets"/>. Recording is a few
/// interlocked operations; the only lock is taken once per slice per 10 seconds, to recycle an hour-old slice.
/// </summary>
public sealed class RollingHistogram
{
    private readonly Slice[] _slices = new Slice[TimeSlices.Count];
    private long _total;

    public RollingHistogram()
    {
        for (var i = 0; i < _slices.Length; i++) _slices[i] = new Slice();
    }

    /// <summary>Samples since start, whatever their age.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Record(double value, long epoch)
    {
        if (double.IsNaN(value)) return;
        var slice = Current(epoch);
        Interlocked.Increment(ref slice.Counts[LatencyBuckets.IndexOf(value)]);
        Interlocked.Increment(ref slice.Count);
        var micros = (long)(Math.Max(value, 0) * 1000);
        Interlocked.Add(ref slice.SumMicros, micros);
        long seen;
        while (micros > (seen = Interlocked.Read(ref slice.MaxMicros)))
        {
            if (Interlocked.CompareExchange(ref slice.MaxMicros, micros, seen) == seen) break;
        }
        Interlocked.Increment(ref _total);
    }

    /// <summary>Count, mean, percentiles and maximum of the slices ending at <paramref name="epoch"/>.</summary>
    public HistogramSummary Summarize(long epoch, int sliceCount) => Merge(epoch - sliceCount + 1, epoch);

    /// <summary>One summary per group of <paramref name="slicesPerPoint"/> slices, oldest first (for charts).</summary>
    public IReadOnlyList<HistogramSummary> Timeline(long epoch, int points, int slicesPerPoint)
    {
        var result = new HistogramSummary[points];
        for (var p = 0; p < points; p++)
        {
            var last = epoch - (long)(points - 1 - p) * slicesPerPoint;
            result[p] = Merge(last - slicesPerPoint + 1, last);
        }
        return result;
    }

    private HistogramSummary Merge(long firstEpoch, long lastEpoch)
    {
        Span<long> counts = stackalloc long[LatencyBuckets.Count];
        long count = 0, sum = 0, max = 0;
        for (var e = Math.Max(firstEpoch, lastEpoch - TimeSlices.Count + 1); e <= lastEpoch; e++)
        {
            var slice = _slices[SliceIndex(e)];
            if (Volatile.Read(ref slice.Epoch) != e) continue;
            for (var i = 0; i < counts.Length; i++) counts[i] += Volatile.Read(ref slice.Counts[i]);
            count += Interlocked.Read(ref slice.Count);
            sum += Interlocked.Read(ref slice.SumMicros);
            max = Math.Max(max, Interlocked.Read(ref slice.MaxMicros));
        }
        if (count == 0) return HistogramSummary.Empty;
        var maxValue = max / 1000.0;
        return new HistogramSummary(
            count,
            sum / 1000.0 / count,
            LatencyBuckets.Quantile(counts, count, 0.50, maxValue),
            LatencyBuckets.Quantile(counts, count, 0.95, maxValue),
            LatencyBuckets.Quantile(counts, count, 0.99, maxValue),
            maxValue);
    }

    private Slice Current(long epoch)
    {
        var slice = _slices[SliceIndex(epoch)];
        if (Volatile.Read(ref slice.Epoch) == epoch) return slice;
        lock (slice)
        {
            if (slice.Epoch != epoch)
            {
                Array.Clear(slice.Counts);
                slice.Count = 0;
                slice.SumMicros = 0;
                slice.MaxMicros = 0;
                Volatile.Write(ref slice.Epoch, epoch);
            }
        }
        return slice;
    }

    private static int SliceIndex(long epoch) => (int)(((epoch % TimeSlices.Count) + TimeSlices.Count) % TimeSlices.Count);

    private sealed class Slice
    {
        public long Epoch = -1;
        public readonly long[] Counts = new long[LatencyBuckets.Count];
        public long Count;
        public long SumMicros;
        public long MaxMicros;
    }
}

/// <summary>Values in the instrument's unit; durations are milliseconds (seconds are converted on the way in).</summary>
public readonly record struct HistogramSummary(long Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static readonly HistogramSummary Empty = new(0, 0, 0, 0, 0, 0);
}
