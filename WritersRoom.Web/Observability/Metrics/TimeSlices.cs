namespace WritersRoom.Web.Observability.Metrics;

/// <summary>
/// The clock of the rolling windows: 10-second slices, 360 of them for the last hour. A recorder writes into the
/// slice of "now"; a reader merges the slices of the window it wants.
/// </summary>
public static class TimeSlices
{
    public const int SliceSeconds = 10;
    public const int Count = 360;

    public static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    public static long EpochOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / SliceSeconds;

    public static int SlicesIn(TimeSpan window) =>
        Math.Clamp((int)Math.Ceiling(window.TotalSeconds / SliceSeconds), 1, Count);

    public static DateTimeOffset StartOf(long epoch) => DateTimeOffset.FromUnixTimeSeconds(epoch * SliceSeconds);
}
