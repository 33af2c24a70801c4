using System.Diagnostics.Metrics;
using WritersRoom.Web.Observability.Metrics;

namespace WritersRoom.Web.Cluster;

/// <summary>
/// The Redis backplane's figures for the performance page and Prometheus (meter <c>WritersRoom.Redis</c>): connected
/// or not, the round trip of the periodic PING, messages by kind, how long a committed edit took to reach this
/// instance, and resyncs after missed messages.
/// </summary>
public sealed class RedisMetrics
{
    private readonly Histogram<double> roundTrip;
    private readonly Histogram<double> fanOutLag;
    private readonly Counter<long> published;
    private readonly Counter<long> received;
    private readonly Counter<long> publishFailures;
    private readonly Counter<long> resyncs;
    private Func<bool> connected = () => false;

    public RedisMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterNames.Redis);
        meter.CreateObservableGauge("writersroom.redis.connected", () => connected() ? 1 : 0, description: "1 while this instance is connected to Redis");
        roundTrip = meter.CreateHistogram<double>("writersroom.redis.round_trip", "ms", "PING round trip to Redis");
        fanOutLag = meter.CreateHistogram<double>("writersroom.redis.fanout_lag", "ms", "From another instance's commit to its rows applied here");
        published = meter.CreateCounter<long>("writersroom.redis.published");
        received = meter.CreateCounter<long>("writersroom.redis.received");
        publishFailures = meter.CreateCounter<long>("writersroom.redis.publish_failures");
        resyncs = meter.CreateCounter<long>("writersroom.redis.resyncs", description: "Live scripts re-read from the database after missed messages or a reconnect");
    }

    internal void Observe(Func<bool> isConnected) => connected = isConnected;
    public void RoundTrip(TimeSpan rtt) => roundTrip.Record(rtt.TotalMilliseconds);
    public void FanOutLag(TimeSpan lag) => fanOutLag.Record(Math.Max(0, lag.TotalMilliseconds));
    public void Published(string kind) => published.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void Received(string kind) => received.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void PublishFailed() => publishFailures.Add(1);
    public void Resynced(int scripts) => resyncs.Add(scripts);
}
