using WritersRoom.Web.Observability.Database;
using WritersRoom.Web.Observability.Metrics;
using WritersRoom.Web.Observability.Process;

namespace WritersRoom.Web.Observability;

/// <summary>Everything the performance page shows at one refresh, read from memory.</summary>
public sealed record PerformanceSnapshot(
    DateTimeOffset At,
    IReadOnlyList<StepRow> Steps,
    StepTimeline Timeline,
    IReadOnlyList<TurnTimings> SlowestTurns,
    PoolView Pool,
    IReadOnlyList<SlowQuery> SlowQueries,
    IReadOnlyList<CacheRow> Caches,
    IReadOnlyList<InstrumentRow> Editing,
    IReadOnlyList<InstrumentRow> Jobs,
    IReadOnlyList<InstrumentRow> Ai,
    IReadOnlyList<InstrumentRow> Redis,
    ProcessView Process);

public sealed record StepRow(string Step, HistogramSummary Last5Min, HistogramSummary LastHour);

/// <summary>p95 per step per minute over the last hour, oldest first; null where a minute had no sample.</summary>
public sealed record StepTimeline(IReadOnlyList<string> Labels, IReadOnlyList<StepLine> Lines);

public sealed record StepLine(string Step, double?[] P95);

public sealed record PoolView(
    double InUse, double Idle, double Max, double Pending, double InUsePeak5Min, double PendingPeak5Min,
    double Timeouts, double Timeouts5Min, HistogramSummary OpenWait5Min, HistogramSummary CreateTime5Min,
    HistogramSummary Command5Min);

public sealed record CacheRow(string Cache, double Hits5Min, double Misses5Min, double HitsHour, double MissesHour)
{
    public double? HitRate5Min => Rate(Hits5Min, Misses5Min);
    public double? HitRateHour => Rate(HitsHour, MissesHour);
    private static double? Rate(double hits, double misses) => hits + misses > 0 ? hits / (hits + misses) : null;
}

/// <summary>A generic row for areas whose instruments the page does not know by name (jobs, editing, AI, Redis).</summary>
public sealed record InstrumentRow(string Instrument, string Tags, string Unit, SeriesKind Kind, double Total, double PerSecond1Min,
    double Level, HistogramSummary? Last5Min);
