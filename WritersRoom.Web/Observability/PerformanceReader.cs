using WritersRoom.Web.Observability.Database;
using WritersRoom.Web.Observability.Metrics;
using WritersRoom.Web.Observability.Process;

namespace WritersRoom.Web.Observability;

/// <summary>Builds a <see cref="PerformanceSnapshot"/> from the in-process aggregates; no I/O.</summary>
public sealed class PerformanceReader(MetricsAggregator aggregator, TurnRecorder turns, SlowQueryLog slowQueries, ProcessStats process)
{
    /// <summary>The pipeline's steps in the order a turn runs them; unknown steps follow alphabetically.</summary>
    public static readonly IReadOnlyList<string> StepOrder =
    [
        "access", "conversation", "intent", "context", "context.global", "context.history", "context.embedding",
        "context.retrieval", "context.prompt", "context.own", "pre_model", "first_token", "generation.first_token", "generation", "save", "usage",
    ];

    private const int TimelineMinutes = 60;
    private const int SlicesPerMinute = 60 / TimeSlices.SliceSeconds;

    public PerformanceSnapshot Read()
    {
        var epoch = aggregator.Epoch;
        var five = TimeSlices.SlicesIn(TimeSlices.FiveMinutes);
        var hour = TimeSlices.SlicesIn(TimeSlices.OneHour);
        var steps = StepSeries().ToList();

        var rows = steps.Select(s => new StepRow(s.Step, s.Histogram.Summarize(epoch, five), s.Histogram.Summarize(epoch, hour))).ToList();
        var labels = Enumerable.Range(0, TimelineMinutes)
            .Select(i => TimeSlices.StartOf(epoch - (long)(TimelineMinutes - 1 - i) * SlicesPerMinute).ToLocalTime().ToString("HH:mm"))
            .ToList();
        var lines = steps.Select(s => new StepLine(s.Step, s.Histogram.Timeline(epoch, TimelineMinutes, SlicesPerMinute)
            .Select(h => h.Count == 0 ? (double?)null : h.P95).ToArray())).ToList();

        return new PerformanceSnapshot(
            TimeSlices.StartOf(epoch),
            rows,
            new StepTimeline(labels, lines),
            turns.Slowest(8, TimeSlices.OneHour),
            Pool(epoch, five),
            slowQueries.Top(20),
            Caches(epoch, five, hour),
            Rows(MeterNames.Editing, epoch, five),
            Rows(MeterNames.Jobs, epoch, five),
            Rows(MeterNames.Ai, epoch, five),
            Rows(MeterNames.Redis, epoch, five),
            process.Read());
    }

    /// <summary>One histogram per step of the chat meter (series of several step histograms merge by name order).</summary>
    public IEnumerable<(string Step, RollingHistogram Histogram)> StepSeries() =>
        aggregator.SeriesOf(MeterNames.Chat)
            .Where(s => s.Kind == SeriesKind.Histogram && s.Tag("step") is not null)
            .GroupBy(s => s.Tag("step")!)
            .Select(g => (Step: g.Key, Histogram: g.OrderByDescending(s => s.Histogram!.Total).First().Histogram!))
            .OrderBy(s => StepRank(s.Step)).ThenBy(s => s.Step, StringComparer.Ordinal);

    private static int StepRank(string step)
    {
        for (var i = 0; i < StepOrder.Count; i++) if (StepOrder[i] == step) return i;
        return StepOrder.Count;
    }

    public PoolView Pool(long epoch, int slices)
    {
        var npgsql = aggregator.SeriesOf(MeterNames.Npgsql).ToList();
        Series? Find(params string[] names) => npgsql.FirstOrDefault(s => names.Contains(s.Instrument));
        var count = npgsql.Where(s => s.Instrument is "db.client.connection.count" or "db.client.connections.usage").ToList();
        var used = count.FirstOrDefault(s => (s.Tag("db.client.connection.state") ?? s.Tag("state")) == "used")?.Counter;
        var idle = count.FirstOrDefault(s => (s.Tag("db.client.connection.state") ?? s.Tag("state")) == "idle")?.Counter;
        var max = Find("db.client.connection.max", "db.client.connections.max")?.Counter;
        var pending = Find("db.client.connection.npgsql.pending_requests", "db.client.connections.pending_requests")?.Counter;
        var timeouts = Find("db.client.connection.npgsql.timeouts", "db.client.connections.timeouts")?.Counter;
        var create = Find("db.client.connection.npgsql.create_time", "db.client.connections.create_time")?.Histogram;
        var ours = aggregator.SeriesOf(MeterNames.Database).ToList();
        var openWait = ours.FirstOrDefault(s => s.Instrument == DatabaseMetrics.OpenWaitName)?.Histogram;
        var command = ours.FirstOrDefault(s => s.Instrument == DatabaseMetrics.CommandDurationName)?.Histogram;

        return new PoolView(
            used?.Level ?? 0, idle?.Level ?? 0, max?.Level ?? 0, pending?.Level ?? 0,
            used?.PeakOver(epoch, slices) ?? 0, pending?.PeakOver(epoch, slices) ?? 0,
            timeouts?.Total ?? 0, timeouts?.SumOver(epoch, slices) ?? 0,
            openWait?.Summarize(epoch, slices) ?? HistogramSummary.Empty,
            create?.Summarize(epoch, slices) ?? HistogramSummary.Empty,
            command?.Summarize(epoch, slices) ?? HistogramSummary.Empty);
    }

    /// <summary>
    /// Hit rates of every counter tagged with a <c>cache</c> name, in any of our meters: <see cref="CacheMetrics"/>
    /// tags <c>result=hit|miss</c>; the chat pipeline's own counter tags <c>hit=True|False</c>.
    /// </summary>
    public IReadOnlyList<CacheRow> Caches(long epoch, int five, int hour) =>
        aggregator.AllSeries
            .Where(s => s.Counter is not null && s.Tag("cache") is not null && Outcome(s) is not null)
            .GroupBy(s => s.Tag("cache")!)
            .Select(g =>
            {
                double Sum(bool hit, int slices) => g.Where(s => Outcome(s) == hit).Sum(s => s.Counter!.SumOver(epoch, slices));
                return new CacheRow(g.Key, Sum(true, five), Sum(false, five), Sum(true, hour), Sum(false, hour));
            })
            .OrderBy(c => c.Cache, StringComparer.Ordinal)
            .ToList();

    private static bool? Outcome(Series s) => (s.Tag("result") ?? s.Tag("hit"))?.ToLowerInvariant() switch
    {
        "hit" or "true" => true,
        "miss" or "false" => false,
        _ => null,
    };

    public IReadOnlyList<InstrumentRow> Rows(string meter, long epoch, int five) =>
        aggregator.SeriesOf(meter)
            .Select(s => new InstrumentRow(
                s.Instrument, s.TagText, s.Unit, s.Kind,
                s.Counter?.Total ?? s.Histogram!.Total,
                s.Counter is null ? 0 : s.Counter.SumOver(epoch, 60 / TimeSlices.SliceSeconds) / 60,
                s.Counter?.Level ?? 0,
                s.Histogram?.Summarize(epoch, five)))
            .OrderBy(r => r.Instrument, StringComparer.Ordinal).ThenBy(r => r.Tags, StringComparer.Ordinal)
            .ToList();
}
