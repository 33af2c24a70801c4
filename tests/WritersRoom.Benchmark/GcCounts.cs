namespace WritersRoom.Benchmark;

/// <summary>The runtime's collection counts and pause time, so a run can report what garbage collection cost it.</summary>
public readonly record struct GcCounts(TimeSpan Pause, int Gen0, int Gen1, int Gen2)
{
    public static GcCounts Now() =>
        new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public static GcCounts operator -(GcCounts after, GcCounts before) =>
        new(after.Pause - before.Pause, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);
}
