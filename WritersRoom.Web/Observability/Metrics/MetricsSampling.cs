using Microsoft.Extensions.Options;
using WritersRoom.Web.Observability.Process;

namespace WritersRoom.Web.Observability.Metrics;

/// <summary>
/// Creates the aggregator at start-up (so it hears from the first request) and samples observable instruments.
/// Process stats are created here too: their circuit gauge should be exported before anyone opens the page.
/// </summary>
internal sealed class MetricsSampling(MetricsAggregator aggregator, ProcessStats process, IOptions<ObservabilityOptions> options)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = process;
        aggregator.StartSampling(TimeSpan.FromMilliseconds(options.Value.SampleIntervalMs));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
