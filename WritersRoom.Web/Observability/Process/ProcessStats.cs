using System.Diagnostics.Metrics;
using WritersRoom.Web.Observability.Metrics;
using SystemProcess = System.Diagnostics.Process;

namespace WritersRoom.Web.Observability.Process;

/// <summary>Memory, GC, thread pool, CPU and circuits of this process, read when asked (cheap runtime calls).</summary>
public sealed class ProcessStats
{
    private readonly CircuitCounter _circuits;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _started;
    private TimeSpan _lastCpu;
    private DateTimeOffset _lastAt;
    private double _lastCpuPercent;

    public ProcessStats(CircuitCounter circuits, TimeProvider clock, IMeterFactory meters)
    {
        _circuits = circuits;
        _clock = clock;
        _started = _lastAt = clock.GetUtcNow();
        _lastCpu = SystemProcess.GetCurrentProcess().TotalProcessorTime;
        // Exported with the rest; the runtime's own System.Runtime meter covers GC and memory.
        meters.Create(MeterNames.Process).CreateObservableUpDownCounter("writersroom.circuits", () => _circuits.Open, "{circuit}", "Live Blazor circuits.");
    }

    public ProcessView Read()
    {
        var now = _clock.GetUtcNow();
        var gc = GC.GetGCMemoryInfo();
        double cpu;
        lock (_gate)
        {
            // CPU over the time since the previous read (the page reads every few seconds).
            var total = SystemProcess.GetCurrentProcess().TotalProcessorTime;
            var elapsed = (now - _lastAt).TotalMilliseconds;
            if (elapsed >= 500)
            {
                _lastCpuPercent = (total - _lastCpu).TotalMilliseconds / elapsed / Environment.ProcessorCount * 100;
                _lastCpu = total;
                _lastAt = now;
            }
            cpu = _lastCpuPercent;
        }
        var uptime = now - _started;
        return new ProcessView(
            _circuits.Open,
            Environment.WorkingSet / 1048576.0,
            GC.GetTotalMemory(false) / 1048576.0,
            gc.TotalCommittedBytes / 1048576.0,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            uptime.TotalMilliseconds > 0 ? GC.GetTotalPauseDuration().TotalMilliseconds / uptime.TotalMilliseconds * 100 : 0,
            ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount,
            cpu, Environment.ProcessorCount, uptime);
    }
}

public sealed record ProcessView(
    int Circuits, double WorkingSetMb, double GcHeapMb, double GcCommittedMb, int Gen0, int Gen1, int Gen2,
    double GcPausePercent, int ThreadPoolThreads, long ThreadPoolQueue, double CpuPercent, int Cores, TimeSpan Uptime);
