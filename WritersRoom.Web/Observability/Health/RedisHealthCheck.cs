using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WritersRoom.Web.Observability.Health;

/// <summary>Registered only when Redis is configured: fan-out between instances needs it.</summary>
public sealed class RedisHealthCheck(RedisProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await probe.PingAsync(cancellationToken);
        return status.Connected
            ? HealthCheckResult.Healthy($"PING {status.RoundTripMs:0.0} ms")
            : HealthCheckResult.Unhealthy("Redis did not answer PING: " + status.Error);
    }
}
