using System.Diagnostics;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Benchmark.Workloads;

/// <summary>
/// A script opened by a writer at a fixed rate (open loop: arrivals do not wait for earlier opens), through the
/// services a circuit uses: the membership check, then the document.
/// </summary>
/// <remarks>
/// TODO(editor merge): attach through ScriptSessionRegistry instead of ScriptDocumentLoader, so "attach" measures a
/// live-session attach (≤ 1 ms budget) and "open.load" only the first load of a script (≤ 50 ms budget).
/// Until then every attach is a full two-query load.
/// </remarks>
public sealed class AttachWorkload(WorkloadContext context) : IWorkload
{
    private readonly ScriptAccess _access = context.Services.GetRequiredService<ScriptAccess>();
    private readonly ScriptDocumentLoader _loader = context.Services.GetRequiredService<ScriptDocumentLoader>();

    public string Name => "attach";

    public string Status => "measured: membership check + full document load per attach (session registry not merged yet)";

    public async Task RunAsync(CancellationToken stop)
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
        await _access.RequireAsync(writer, script, ScriptRole.Reader);
        context.Steps.Record("attach.access", StepRecorder.Since(start));
        var loadStart = Stopwatch.GetTimestamp();
        var document = await _loader.LoadAsync(script) ?? throw new InvalidOperationException($"Script {script} vanished.");
        context.Steps.Record("open.load", StepRecorder.Since(loadStart));
        context.Steps.Record("attach", StepRecorder.Since(start));
        GC.KeepAlive(document);
    }
}
