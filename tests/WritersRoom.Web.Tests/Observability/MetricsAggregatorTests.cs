using System.Diagnostics.Metrics;
using WritersRoom.Web.Observability.Metrics;

namespace WritersRoom.Web.Tests.Observability;

public sealed class MetricsAggregatorTests
{
    // Step names are unique per test: the chat meter is process-wide and other tests may publish on it.
    private static readonly string[] PipelineSteps =
        ["access", "conversation", "intent", "context.global", "context.embedding", "context.retrieval",
         "generation.first_token", "generation", "save", "usage"];

    private static string[] Steps(string prefix) => PipelineSteps.Select(s => $"{prefix}-{s}").ToArray();

    [Fact]
    public void A_chat_turn_produces_one_sample_per_step()
    {
        using var parts = new ObservabilityParts(MeterNames.Chat);
        using var meter = new Meter(MeterNames.Chat);
        var histogram = meter.CreateHistogram<double>("writersroom.chat.step.duration", "ms");
        var steps = Steps(Guid.NewGuid().ToString("N")[..8]);

        for (var i = 0; i < steps.Length; i++) histogram.Record(i + 1, new KeyValuePair<string, object?>("step", steps[i]));

        var rows = parts.Reader.Read().Steps.Where(r => steps.Contains(r.Step)).ToDictionary(r => r.Step);
        Assert.Equal(steps.Length, rows.Count);
        for (var i = 0; i < steps.Length; i++)
        {
            Assert.Equal(1, rows[steps[i]].Last5Min.Count);
            Assert.Equal(1, rows[steps[i]].LastHour.Count);
            Assert.Equal(i + 1, rows[steps[i]].Last5Min.Max, 3);
        }
    }

    [Fact]
    public void Percentiles_come_back_within_the_bucket_resolution()
    {
        using var parts = new ObservabilityParts(MeterNames.Chat);
        using var meter = new Meter(MeterNames.Chat);
        var histogram = meter.CreateHistogram<double>("writersroom.chat.step.duration", "ms");
        var step = "pct-" + Guid.NewGuid().ToString("N")[..8];

        for (var ms = 1; ms <= 1000; ms++) histogram.Record(ms, new KeyValuePair<string, object?>("step", step));

        var row = parts.Reader.Read().Steps.Single(r => r.Step == step).Last5Min;
        Assert.Equal(1000, row.Count);
        Assert.InRange(row.P50, 500 * 0.9, 500 * 1.1);
        Assert.InRange(row.P95, 950 * 0.9, 950 * 1.1);
        Assert.InRange(row.P99, 990 * 0.9, 1000);
        Assert.Equal(1000, row.Max, 3);
        Assert.Equal(500.5, row.Mean, 1);
    }

    [Fact]
    public void Durations_in_seconds_are_read_as_milliseconds()
    {
        using var parts = new ObservabilityParts(MeterNames.Chat);
        using var meter = new Meter(MeterNames.Chat);
        var histogram = meter.CreateHistogram<double>("writersroom.chat.step.seconds", "s");
        var step = "sec-" + Guid.NewGuid().ToString("N")[..8];

        histogram.Record(0.25, new KeyValuePair<string, object?>("step", step));

        Assert.Equal(250, parts.Reader.Read().Steps.Single(r => r.Step == step).Last5Min.Max, 3);
    }

    [Fact]
    public void Cache_hit_rate_counts_hits_and_misses_per_cache()
    {
        using var parts = new ObservabilityParts(MeterNames.Cache);
        var cache = "test-" + Guid.NewGuid().ToString("N")[..8];

        CacheMetrics.Hit(cache);
        CacheMetrics.Hit(cache);
        CacheMetrics.Hit(cache);
        CacheMetrics.Miss(cache);

        var row = parts.Reader.Read().Caches.Single(c => c.Cache == cache);
        Assert.Equal(0.75, row.HitRate5Min);
        Assert.Equal(0.75, row.HitRateHour);
    }

    [Fact]
    public void Unknown_instruments_of_an_area_show_as_generic_rows()
    {
        using var parts = new ObservabilityParts(MeterNames.Jobs);
        using var meter = new Meter(MeterNames.Jobs);
        var name = "writersroom.jobs.test." + Guid.NewGuid().ToString("N")[..8];
        var runs = meter.CreateCounter<long>(name);
        var depth = 0;
        meter.CreateObservableGauge(name + ".depth", () => depth);

        runs.Add(2, new KeyValuePair<string, object?>("job", "summaries"));
        runs.Add(1, new KeyValuePair<string, object?>("job", "summaries"));
        depth = 7;
        parts.Aggregator.Sample();

        var rows = parts.Reader.Read().Jobs;
        var counter = rows.Single(r => r.Instrument == name);
        Assert.Equal(3, counter.Total);
        Assert.Equal("job=summaries", counter.Tags);
        Assert.Equal(7, rows.Single(r => r.Instrument == name + ".depth").Level);
    }

    [Fact]
    public void Readings_of_several_pools_in_one_sample_add_up_instead_of_the_last_replacing_the_others()
    {
        // Npgsql reports one reading per pool; the pool-name tag is not one we keep, so two pools share a series.
        using var parts = new ObservabilityParts(MeterNames.Jobs);
        using var meter = new Meter(MeterNames.Jobs);
        var name = "writersroom.jobs.test." + Guid.NewGuid().ToString("N")[..8];
        long opened = 0;
        meter.CreateObservableUpDownCounter(name + ".used", () => new[]
        {
            new Measurement<int>(3, new KeyValuePair<string, object?>("state", "used"), new KeyValuePair<string, object?>("pool", "a")),
            new Measurement<int>(0, new KeyValuePair<string, object?>("state", "used"), new KeyValuePair<string, object?>("pool", "b")),
        });
        meter.CreateObservableCounter(name + ".opened", () => new[]
        {
            new Measurement<long>(opened, new KeyValuePair<string, object?>("pool", "a")),
            new Measurement<long>(2 * opened, new KeyValuePair<string, object?>("pool", "b")),
        });

        opened = 5;
        parts.Aggregator.Sample();
        opened = 7;
        parts.Aggregator.Sample();

        var rows = parts.Reader.Read().Jobs;
        Assert.Equal(3, rows.Single(r => r.Instrument == name + ".used").Level);
        Assert.Equal(21, rows.Single(r => r.Instrument == name + ".opened").Total);
    }

    [Fact]
    public void Slowest_turns_are_listed_slowest_first_with_steps_laid_end_to_end()
    {
        using var parts = new ObservabilityParts(MeterNames.Chat);
        parts.Turns.Record(Guid.NewGuid(), [new("access", 1), new("generation", 10)]);
        var slow = Guid.NewGuid();
        parts.Turns.Record(slow, [new("access", 2), new("context", 300), new("generation", 900)]);

        var turns = parts.Reader.Read().SlowestTurns;
        Assert.Equal(slow, turns[0].TurnId);
        Assert.Equal(1202, turns[0].TotalMs, 3);
        Assert.Equal(302, turns[0].Steps[2].StartMs, 3);
    }
}
