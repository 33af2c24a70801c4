using System.Diagnostics.Metrics;

namespace WritersRoom.Web.Editing;

/// <summary>
/// Always-on, cheap figures for the performance page: session loads, attaches, group commits, write conflicts, and the
/// editor's failed calls between server and browser (by kind: a browser away is expected, an error is a bug).
/// </summary>
public sealed class EditingMetrics
{
    public const string MeterName = "WritersRoom.Editing";
    private readonly Histogram<double> load;
    private readonly Histogram<double> attach;
    private readonly Histogram<double> commit;
    private readonly Counter<long> committedOps;
    private readonly Counter<long> rejectedOps;
    private readonly Counter<long> conflicts;
    private readonly Counter<long> reconciles;
    private readonly Counter<long> pushFailures;
    private readonly Counter<long> callFailures;

    public EditingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        load = meter.CreateHistogram<double>("writersroom.editing.session_load", "ms");
        attach = meter.CreateHistogram<double>("writersroom.editing.attach", "ms");
        commit = meter.CreateHistogram<double>("writersroom.editing.group_commit", "ms");
        committedOps = meter.CreateCounter<long>("writersroom.editing.ops_committed");
        rejectedOps = meter.CreateCounter<long>("writersroom.editing.ops_rejected");
        conflicts = meter.CreateCounter<long>("writersroom.editing.write_conflicts", description: "Group commits rolled back because another instance wrote first");
        reconciles = meter.CreateCounter<long>("writersroom.editing.reconciles", description: "Live sessions re-read from the database and merged");
        pushFailures = meter.CreateCounter<long>("writersroom.editing.push_failures",
            description: "Calls into a browser's editor dropped, by method and reason (disconnected, unanswered, script_error, error)");
        callFailures = meter.CreateCounter<long>("writersroom.editing.call_failures",
            description: "Calls from a browser's editor that failed, by outcome (retry, stop, error)");
    }

    public void Loaded(TimeSpan elapsed) => load.Record(elapsed.TotalMilliseconds);
    public void Attached(TimeSpan elapsed) => attach.Record(elapsed.TotalMilliseconds);
    public void Committed(int ops, TimeSpan elapsed)
    {
        commit.Record(elapsed.TotalMilliseconds);
        committedOps.Add(ops);
    }
    public void Rejected(int ops) => rejectedOps.Add(ops);
    public void Conflict() => conflicts.Add(1);
    public void Reconciled() => reconciles.Add(1);
    public void PushFailed(string method, string reason) =>
        pushFailures.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("reason", reason));
    public void CallFailed(string call, string outcome) =>
        callFailures.Add(1, new KeyValuePair<string, object?>("call", call), new KeyValuePair<string, object?>("outcome", outcome));
}
