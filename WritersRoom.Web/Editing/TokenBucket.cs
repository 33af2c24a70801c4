using System.Diagnostics;

namespace WritersRoom.Web.Editing;

/// <summary>A per-writer rate limit: refills continuously, allows a burst (a paste, a resend after reconnect).</summary>
public sealed class TokenBucket(double perSecond, double capacity)
{
    private readonly Lock gate = new();
    private readonly double max = capacity;
    private double tokens = capacity;
    private long last = Stopwatch.GetTimestamp();

    public bool TryTake(int count)
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            tokens = Math.Min(max, tokens + Stopwatch.GetElapsedTime(last, now).TotalSeconds * perSecond);
            last = now;
            if (tokens < count) return false;
            tokens -= count;
            return true;
        }
    }
}
