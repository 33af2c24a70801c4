namespace WritersRoom.Benchmark.Workloads;

/// <summary>
/// One kind of load of the reference workload, run concurrently with the others for the run's duration.
/// Each records its steps in the <see cref="StepRecorder"/> and says what it measured, or why it could not run.
/// </summary>
public interface IWorkload
{
    string Name { get; }

    /// <summary>"measured: …" or "not available: …" — shown in the report so a missing part is never silent.</summary>
    string Status { get; }

    Task RunAsync(CancellationToken stop);
}

/// <param name="ColdScripts">Scripts no workload opens otherwise, for first loads of a session.</param>
public sealed record WorkloadContext(BenchOptions Options, StepRecorder Steps, IServiceProvider Services,
    IReadOnlyList<Guid> HotScripts, IReadOnlyList<string> Writers, IReadOnlyList<Guid> ColdScripts);
