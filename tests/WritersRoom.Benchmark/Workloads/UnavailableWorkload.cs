namespace WritersRoom.Benchmark.Workloads;

/// <summary>A part of the reference workload whose service is not merged yet: reported, never silently missing.</summary>
/// <remarks>
/// TODO(editor merge): "edits" — each writer sends a block edit every 2 s through the live session (ops with an op
/// id), counting sent, acknowledged (durable) and lost. TODO(jobs merge): "jobs" — the re-embedding jobs pick up
/// the edited scenes while the load runs.
/// </remarks>
public sealed class UnavailableWorkload(string name, string reason) : IWorkload
{
    public string Name => name;
    public string Status => "not available: " + reason;
    public Task RunAsync(CancellationToken stop) => Task.CompletedTask;
}
