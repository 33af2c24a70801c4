using System.Diagnostics.Metrics;

namespace WritersRoom.Web.Tests.Faults;

/// <summary>
/// Npgsql's own pool metrics for one named pool, as the performance page reads them: requests waiting for a
/// connection (now and at most), pool timeouts, and connections in use (sampled, at most).
/// </summary>
internal sealed class PoolWatch : IDisposable
{
    private const string PoolTag = "db.client.connection.pool.name";
    private readonly string pool;
    private readonly MeterListener listener = new();
    private readonly Timer sampler;
    private readonly Lock gate = new();
    private int pending, busy;

    public PoolWatch(string pool)
    {
        this.pool = pool;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is "db.client.connection.npgsql.pending_requests"
                    or "db.client.connection.npgsql.timeouts" or "db.client.connection.count")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>(OnMeasurement);
        listener.SetMeasurementEventCallback<long>((i, v, t, s) => OnMeasurement(i, (int)v, t, s));
        listener.Start();
        sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(25));
    }

    public int Pending { get { lock (gate) return pending; } }
    public int PeakPending { get; private set; }
    public int Timeouts { get; private set; }
    public int Busy { get { lock (gate) return busy; } }
    public int PeakBusy { get; private set; }

    private void Sample()
    {
        try
        {
            listener.RecordObservableInstruments();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Forgets the peaks (after a warm-up).</summary>
    public void Reset()
    {
        lock (gate)
        {
            PeakPending = pending;
            PeakBusy = busy;
        }
    }

    private void OnMeasurement(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? name = null, connectionState = null;
        foreach (var tag in tags)
        {
            if (tag.Key == PoolTag) name = tag.Value as string;
            else if (tag.Key == "db.client.connection.state") connectionState = tag.Value as string;
        }
        if (name != pool) return;
        lock (gate)
        {
            switch (instrument.Name)
            {
                case "db.client.connection.npgsql.pending_requests":
                    pending += value;
                    PeakPending = Math.Max(PeakPending, pending);
                    break;
                case "db.client.connection.npgsql.timeouts":
                    Timeouts += value;
                    break;
                case "db.client.connection.count" when connectionState == "used":
                    busy = value;
                    PeakBusy = Math.Max(PeakBusy, busy);
                    break;
            }
        }
    }

    public void Dispose()
    {
        sampler.Dispose();
        listener.Dispose();
    }
}
