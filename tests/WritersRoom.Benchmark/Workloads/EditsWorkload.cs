using System.Collections.Concurrent;
using System.Diagnostics;
using WritersRoom.Core.Editing;
using WritersRoom.Web.Editing;

namespace WritersRoom.Benchmark.Workloads;

/// <summary>
/// <c>--writers</c> writers spread over the hot scripts, each attached to the script's live session through the
/// <see cref="EditorService"/> a circuit uses and typing into a paragraph of its own every 2 s (open loop, start
/// times staggered). Timed: the submit call (typing must never wait on the database), the acknowledgement (the
/// group commit made it durable) and the fan-out (first other writer on the script receives it). Every operation
/// sent is counted as acknowledged, rejected or lost.
/// </summary>
public sealed class EditsWorkload(WorkloadContext context) : IWorkload
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly WorkloadContext _context = context;
    private readonly EditorService _editor = context.Services.GetRequiredService<EditorService>();
    private readonly ConcurrentDictionary<Guid, (long SentAt, int Writer, Guid Script)> _awaitingAck = new();
    private readonly ConcurrentDictionary<Guid, (long SentAt, int Writer, Guid Script)> _awaitingFanOut = new();
    private long _sent;
    private long _acked;
    private long _rejected;
    private readonly List<string> _rejections = [];

    public string Name => "edits";

    public long Sent => Interlocked.Read(ref _sent);
    public long Acked => Interlocked.Read(ref _acked);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Lost => Sent - Acked - Rejected;

    public string Status => $"measured: {_context.Options.Writers} writers on {Math.Min(_context.Options.Writers, _context.HotScripts.Count)} live sessions, "
        + $"{Sent} edits sent, {Acked} acknowledged, {Rejected} rejected{(_rejections.Count > 0 ? $" ({_rejections[0]})" : "")}";

    /// <summary>The warm-up's operations are not the run's: counts start again.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _sent, 0);
        Interlocked.Exchange(ref _acked, 0);
        Interlocked.Exchange(ref _rejected, 0);
        _awaitingAck.Clear();
        _awaitingFanOut.Clear();
    }

    public async Task RunAsync(CancellationToken stop)
    {
        var writers = new List<Writer>();
        try
        {
            for (var i = 0; i < _context.Options.Writers; i++)
            {
                var script = _context.HotScripts[i % _context.HotScripts.Count];
                var writer = new Writer(this, i, script);
                writer.Connection = await _editor.OpenAsync(script, _context.Writers[i % _context.Writers.Count], $"Bench writer {i}", writer, stop);
                writers.Add(writer);
            }
            await Task.WhenAll(writers.Select(w => w.TypeAsync(stop)));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
        finally
        {
            // Operations still in flight get the group commit's time to be acknowledged before they count as lost.
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
            while (!_awaitingAck.IsEmpty && Stopwatch.GetTimestamp() < deadline) await Task.Delay(20, CancellationToken.None);
            foreach (var writer in writers) writer.Connection?.Dispose();
        }
    }

    private void Acknowledged(IReadOnlyList<Guid> opIds)
    {
        foreach (var id in opIds)
        {
            if (!_awaitingAck.TryRemove(id, out var sent)) continue;
            Interlocked.Increment(ref _acked);
            _context.Steps.Record("edit.ack", StepRecorder.Since(sent.SentAt));
        }
    }

    private void Received(int writer, Guid script, Guid opId)
    {
        if (_awaitingFanOut.TryGetValue(opId, out var sent) && sent.Writer != writer && sent.Script == script
            && _awaitingFanOut.TryRemove(opId, out _))
            _context.Steps.Record("edit.fanout", StepRecorder.Since(sent.SentAt));
    }

    private void Refused(OpRejection rejection)
    {
        if (!_awaitingAck.TryRemove(rejection.OpId, out _)) return;
        _awaitingFanOut.TryRemove(rejection.OpId, out _);
        Interlocked.Increment(ref _rejected);
        lock (_rejections) if (_rejections.Count < 5) _rejections.Add(rejection.Reason);
    }

    /// <summary>One simulated writer: its own paragraph, one operation in flight at a time, as the browser sends them.</summary>
    private sealed class Writer(EditsWorkload workload, int index, Guid script) : IEditorClient
    {
        private readonly Lock _gate = new();
        private Guid _block;
        private string _text = "";
        private long _version;
        private Guid? _inFlight;

        public EditorConnection? Connection { get; set; }

        public async Task TypeAsync(CancellationToken stop)
        {
            var blocks = Connection!.Snapshot.Blocks.Where(b => b.Type == "action").ToList();
            var mine = blocks[(index / workload._context.HotScripts.Count * 7 + 3) % blocks.Count];
            lock (_gate) (_block, _text, _version) = (mine.Id, mine.Text, mine.Version);

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Interval.TotalMilliseconds)), stop);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                EditOp op;
                lock (_gate)
                {
                    if (_inFlight is not null) continue; // the last one is not back yet: the browser would wait too
                    op = EditOp.Update(_block, _version, _text, _text + " beat");
                    _inFlight = op.OpId;
                }
                var sentAt = Stopwatch.GetTimestamp();
                workload._awaitingAck[op.OpId] = (sentAt, index, script);
                workload._awaitingFanOut[op.OpId] = (sentAt, index, script);
                Interlocked.Increment(ref workload._sent);
                await Connection.SubmitAsync([op], ct: stop);
                workload._context.Steps.Record("edit.submit", StepRecorder.Since(sentAt));
            }
            while (await timer.WaitForNextTickAsync(stop));
        }

        public void OnUpdate(EditorUpdate update)
        {
            workload.Received(index, script, update.OpId);
            lock (_gate)
            {
                foreach (var block in update.Blocks)
                {
                    if (block.Id != _block || block.Version <= _version) continue;
                    (_text, _version) = (block.Text, block.Version);
                    if (_inFlight == update.OpId) _inFlight = null;
                }
            }
        }

        public void OnCommitted(IReadOnlyList<Guid> opIds) => workload.Acknowledged(opIds);

        public void OnRejected(OpRejection rejection)
        {
            lock (_gate) if (_inFlight == rejection.OpId) _inFlight = null;
            workload.Refused(rejection);
        }

        public void OnPresence(IReadOnlyList<PresenceEntry> presence) { }
    }
}
