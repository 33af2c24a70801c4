using Microsoft.AspNetCore.Components.Server.Circuits;

namespace WritersRoom.Web.Observability.Process;

/// <summary>Live Blazor circuits on this instance (each is a browser tab holding server memory).</summary>
public sealed class CircuitCounter
{
    private int _open;
    public int Open => Volatile.Read(ref _open);
    internal void Opened() => Interlocked.Increment(ref _open);
    internal void Closed() => Interlocked.Decrement(ref _open);
}

/// <summary>Scoped per circuit by Blazor; only moves the singleton count.</summary>
public sealed class CircuitCountingHandler(CircuitCounter counter) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.Closed();
        return Task.CompletedTask;
    }
}
