using System.Diagnostics.Metrics;
using WritersRoom.Web.Observability.Metrics;

namespace WritersRoom.Web.Observability.Database;

/// <summary>
/// Our own database timings, beside Npgsql's pool metrics: how long EF waited for an open connection (pool wait
/// plus any physical connect), how long each command took, and how many crossed the slow-query threshold.
/// </summary>
public sealed class DatabaseMetrics
{
    public const string OpenWaitName = "writersroom.db.connection.open_wait";
    public const string CommandDurationName = "writersroom.db.command.duration";
    public const string SlowQueriesName = "writersroom.db.slow_queries";

    private readonly Histogram<double> _openWait;
    private readonly Histogram<double> _commandDuration;
    private readonly Counter<long> _slowQueries;

    public DatabaseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterNames.Database);
        _openWait = meter.CreateHistogram<double>(OpenWaitName, "ms", "Time EF waited for OpenConnection (pool wait and connect).");
        _commandDuration = meter.CreateHistogram<double>(CommandDurationName, "ms", "Duration of EF commands until the first result.");
        _slowQueries = meter.CreateCounter<long>(SlowQueriesName, "{command}", "Commands at or above the slow-query threshold.");
    }

    public void ConnectionOpened(TimeSpan waited) => _openWait.Record(waited.TotalMilliseconds);

    public void CommandExecuted(TimeSpan duration, bool slow)
    {
        _commandDuration.Record(duration.TotalMilliseconds);
        if (slow) _slowQueries.Add(1);
    }
}
