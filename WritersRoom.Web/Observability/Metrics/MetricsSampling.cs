using Microsoft.Extensions.Options;

namespace WritersRoom.Web.Observability.Metrics;

/// <summary>Creates the aggregator at start-up (so it hears from the first request) and samples observable instruments.</summary>
internal sealed class MetricsSampling(MetricsAggregator aggregator, IOptions<ObservabilityOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        aggregator.StartSampling(TimeSpan.FromMilliseconds(options.Value.SampleIntervalMs));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
