// Each call here is short and bounded; the cluster (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using WritersRoom.Web.Cluster;
using WritersRoom.Web.Observability;
using WritersRoom.Web.Observability.Health;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>
/// The performance page and /readyz see the backplane's Redis: connected, PING round trip, the backplane's own
/// instruments; with Redis gone the instance is Degraded, not Unhealthy (it keeps editing alone).
/// </summary>
public sealed class RedisObservabilityTests : IAsyncLifetime
{
    private readonly InstanceCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();
    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task The_page_and_readiness_show_Redis_connected_then_degraded_when_it_is_gone()
    {
        await using var redis = new PrivateRedis();
        await redis.StartAsync();
        var instance = await cluster.StartAsync(redis.Connection, configure: b => b.AddWritersRoomObservability());
        var probe = instance.Services.GetRequiredService<RedisProbe>();
        var health = instance.Services.GetRequiredService<HealthCheckService>();
        var page = instance.Services.GetRequiredService<PerformanceReader>();

        var up = await probe.PingAsync();
        Assert.True(up is { Configured: true, Connected: true, RoundTripMs: > 0 }, up.Error);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Entries["redis"].Status);
        await Eventually.TrueAsync(() => page.Read().Redis.Any(r => r.Instrument == "writersroom.redis.round_trip" && r.Total > 0),
            "the page lists the backplane's PING round trips");

        await redis.KillAsync();
        await Eventually.TrueAsync(() => !instance.Services.GetRequiredService<RedisBackplane>().IsConnected, "the backplane notices");
        Assert.False((await probe.PingAsync()).Connected);
        var report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, report.Entries["redis"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["database"].Status);
        Assert.Equal(HealthStatus.Degraded, report.Status); // /readyz still answers 200: the instance works alone
    }
}
