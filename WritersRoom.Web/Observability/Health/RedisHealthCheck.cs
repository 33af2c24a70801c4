using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WritersRoom.Web.Observability.Health;

/// <summary>
/// Registered only when Redis is configured. Without Redis an instance still edits, answers and writes everything
/// (it only stops hearing the other instances until Redis is back), so Redis down is Degraded (still HTTP 200 on
/// /readyz, the reason in the body), never Unhealthy: a load balancer must not take every instance out at once.
/// </summary>
public sealed class RedisHealthCheck(RedisProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await probe.PingAsync(cancellationToken);
        return status.Connected
            ? HealthCheckResult.Healthy($"PING {status.RoundTripMs:0.0} ms")
            : HealthCheckResult.Degraded("Redis did not answer PING (instances do not hear each other until it is back): " + status.Error);
    }
}
