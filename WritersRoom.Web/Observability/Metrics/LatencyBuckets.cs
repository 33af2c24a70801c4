namespace WritersRoom.Web.Observability.Metrics;

/// <summary>
/// Fixed log-scale buckets, four per doubling (±9 % resolution) from 0.01 to about 1,000,000 (ms, tokens…).
/// Fixed bounds make recording one array increment and merging windows a plain sum, with no sorting and no
/// per-sample memory; ±9 % is plenty to tell 3 ms from 73 s.
/// </summary>
public static class LatencyBuckets
{
    private const double Min = 0.01;
    private const int PerDoubling = 4;
    public const int Count = 110;

    public static int IndexOf(double value)
    {
        if (!(value > Min)) return 0; // also catches NaN and negatives
        var index = (int)(Math.Log2(value / Min) * PerDoubling) + 1;
        return index >= Count ? Count - 1 : index;
    }

    /// <summary>Upper bound of a bucket; bucket 0 holds everything at or below <see cref="Min"/>.</summary>
    public static double UpperBound(int index) => Min * Math.Pow(2, (double)index / PerDoubling);

    /// <summary>A representative value for a bucket: the geometric middle of its bounds.</summary>
    public static double Middle(int index) =>
        index == 0 ? Min : Min * Math.Pow(2, (index - 0.5) / PerDoubling);

    /// <summary>The <paramref name="quantile"/> of merged counts, never above the observed maximum.</summary>
    public static double Quantile(ReadOnlySpan<long> counts, long total, double quantile, double max)
    {
        if (total <= 0) return 0;
        var rank = (long)Math.Ceiling(quantile * total);
        if (rank < 1) rank = 1;
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank) return Math.Min(Middle(i), max);
        }
        return max;
    }
}
