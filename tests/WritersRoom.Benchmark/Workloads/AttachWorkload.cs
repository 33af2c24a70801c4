using System.Diagnostics;
using WritersRoom.Web.Editing;

namespace WritersRoom.Benchmark.Workloads;

/// <summary>
/// A script opened by a writer at a fixed rate (open loop: arrivals do not wait for earlier opens), through the
/// <see cref="EditorService"/> a circuit uses: the membership check, then an attach to the script's live session
/// (<c>attach</c>, budget ≤ 1 ms once the session is live). Alongside, once a second, a script nobody has open is
/// loaded into a new session and unloaded again (<c>open.load</c>, the first-load budget of ≤ 50 ms).
/// </summary>
public sealed class AttachWorkload(WorkloadContext context) : IWorkload
{
    private readonly EditorService _editor = context.Services.GetRequiredService<EditorService>();
    private readonly ScriptSessionRegistry _sessions = context.Services.GetRequiredService<ScriptSessionRegistry>();
    private long _attaches;
    private long _loads;

    public string Name => "attach";

    public string Status => $"measured: {Interlocked.Read(ref _attaches)} attaches to live sessions (membership check + attach), "
        + $"{Interlocked.Read(ref _loads)} first loads of scripts nobody had open";

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(AttachLoopAsync(stop), ColdLoadLoopAsync(stop));

    private async Task AttachLoopAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1 / context.Options.AttachesPerSecond);
        using var timer = new PeriodicTimer(interval);
        var running = new List<Task>();
        var n = 0;
        try
        {
            do
            {
                var script = context.HotScripts[n % context.HotScripts.Count];
                var writer = context.Writers[n % context.Writers.Count];
                n++;
                running.Add(AttachAsync(writer, script));
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // The run is over; the opens in flight finish below.
        }
        await Task.WhenAll(running);
    }

    private async Task AttachAsync(string writer, Guid script)
    {
        var start = Stopwatch.GetTimestamp();
        using var connection = await _editor.OpenAsync(script, writer, "Bench reader", NoClient.Instance);
        context.Steps.Record("attach", StepRecorder.Since(start));
        Interlocked.Increment(ref _attaches);
    }

    private async Task ColdLoadLoopAsync(CancellationToken stop)
    {
        if (context.ColdScripts.Count == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var n = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var script = context.ColdScripts[n++ % context.ColdScripts.Count];
                var start = Stopwatch.GetTimestamp();
                _ = await _sessions.GetAsync(script, stop) ?? throw new InvalidOperationException($"Script {script} vanished.");
                context.Steps.Record("open.load", StepRecorder.Since(start));
                Interlocked.Increment(ref _loads);
                await _sessions.UnloadAsync(script, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private sealed class NoClient : IEditorClient
    {
        public static readonly NoClient Instance = new();
        public void OnUpdate(EditorUpdate update) { }
        public void OnCommitted(IReadOnlyList<Guid> opIds) { }
        public void OnRejected(OpRejection rejection) { }
        public void OnPresence(IReadOnlyList<PresenceEntry> presence) { }
    }
}
