namespace WritersRoom.Benchmark;

/// <summary>
/// The runtime's collection counts and pause time, and the JIT's compile time, so a run can report what garbage
/// collection and compilation cost it (a run that still compiles is not yet the steady state).
/// </summary>
public readonly record struct RuntimeCounts(TimeSpan Pause, int Gen0, int Gen1, int Gen2, TimeSpan Jit, long JitMethods)
{
    public static RuntimeCounts Now() =>
        new(GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());

    public static RuntimeCounts operator -(RuntimeCounts after, RuntimeCounts before) =>
        new(after.Pause - before.Pause, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2,
            after.Jit - before.Jit, after.JitMethods - before.JitMethods);
}
