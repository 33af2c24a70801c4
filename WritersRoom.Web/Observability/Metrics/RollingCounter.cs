namespace WritersRoom.Web.Observability.Metrics;

/// <summary>
/// A counter or gauge over the last hour in 10-second slices: the sum of increments per slice (for rates and
/// hit ratios) and the highest level seen per slice (for "max in use" and "pending max").
/// </summary>
public sealed class RollingCounter
{
    private readonly long[] _epochs = new long[TimeSlices.Count];
    private readonly double[] _sums = new double[TimeSlices.Count];
    private readonly double[] _peaks = new double[TimeSlices.Count];
    private readonly Lock _gate = new();
    private double _total;
    private double _level;

    public RollingCounter() => Array.Fill(_epochs, -1);

    /// <summary>Sum of all increments since start (a counter's value).</summary>
    public double Total { get { lock (_gate) return _total; } }

    /// <summary>The current level: the running sum for an up-down counter, the last observation for a gauge.</summary>
    public double Level { get { lock (_gate) return _level; } }

    /// <summary>An increment (counter) or a delta (up-down counter).</summary>
    public void Add(double delta, long epoch)
    {
        // Counters fire at most a few thousand times a second here; a short lock keeps sum and peak consistent.
        lock (_gate)
        {
            var i = Roll(epoch);
            _total += delta;
            _level += delta;
            _sums[i] += delta;
            if (_level > _peaks[i]) _peaks[i] = _level;
        }
    }

    /// <summary>An observation of the current level (observable gauge or observable up-down counter).</summary>
    public void Observe(double level, long epoch)
    {
        lock (_gate)
        {
            var i = Roll(epoch);
            _level = level;
            if (level > _peaks[i]) _peaks[i] = level;
        }
    }

    public double SumOver(long epoch, int sliceCount)
    {
        lock (_gate)
        {
            double sum = 0;
            for (var e = epoch - sliceCount + 1; e <= epoch; e++)
            {
                var i = Index(e);
                if (_epochs[i] == e) sum += _sums[i];
            }
            return sum;
        }
    }

    public double PeakOver(long epoch, int sliceCount)
    {
        lock (_gate)
        {
            var peak = _level;
            for (var e = epoch - sliceCount + 1; e <= epoch; e++)
            {
                var i = Index(e);
                if (_epochs[i] == e && _peaks[i] > peak) peak = _peaks[i];
            }
            return peak;
        }
    }

    private int Roll(long epoch)
    {
        var i = Index(epoch);
        if (_epochs[i] != epoch)
        {
            _epochs[i] = epoch;
            _sums[i] = 0;
            _peaks[i] = _level;
        }
        return i;
    }

    private static int Index(long epoch) => (int)(((epoch % TimeSlices.Count) + TimeSlices.Count) % TimeSlices.Count);
}
