using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Web.Observability;
using WritersRoom.Web.Observability.Database;
using WritersRoom.Web.Observability.Metrics;
using WritersRoom.Web.Observability.Process;

namespace WritersRoom.Web.Tests.Observability;

/// <summary>The aggregator and the reader wired as the app wires them, without a host.</summary>
internal sealed class ObservabilityParts : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public ObservabilityParts(params string[] meters)
    {
        var meterFactory = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        Aggregator = new MetricsAggregator(TimeProvider.System, meterFactory, meters.Length == 0 ? null : meters);
        Turns = new TurnRecorder(TimeProvider.System);
        SlowQueries = new SlowQueryLog(TimeProvider.System);
        DatabaseMetrics = new DatabaseMetrics(meterFactory);
        Reader = new PerformanceReader(Aggregator, Turns, SlowQueries, new ProcessStats(new CircuitCounter(), TimeProvider.System, meterFactory));
    }

    public MetricsAggregator Aggregator { get; }
    public TurnRecorder Turns { get; }
    public SlowQueryLog SlowQueries { get; }
    public DatabaseMetrics DatabaseMetrics { get; }
    public PerformanceReader Reader { get; }

    public void Dispose()
    {
        Aggregator.Dispose();
        _services.Dispose();
    }
}
