namespace WritersRoom.Web.Components.Editor;

/// <summary>
/// Whether this circuit's browser is connected now (scoped: one per circuit). While it is away a call into the browser
/// goes nowhere and is never answered (the framework does not keep it for the reconnect), so the editor does not push
/// then, and gives up a push in flight the moment the connection drops: the browser resyncs when it is back.
/// </summary>
public sealed class CircuitLink
{
    private readonly Lock gate = new();
    private CancellationTokenSource up = new();

    public bool IsUp
    {
        get { lock (gate) return !up.IsCancellationRequested; }
    }

    /// <summary>Cancelled when the connection drops (already cancelled while it is down).</summary>
    public CancellationToken WhileUp
    {
        get { lock (gate) return up.Token; }
    }

    public void Down()
    {
        CancellationTokenSource dropped;
        lock (gate) dropped = up;
        // Outside the lock: cancelling runs the callbacks of the calls in flight.
        dropped.Cancel();
    }

    public void Up()
    {
        // The old source is not disposed: a caller may still hold its (cancelled) token.
        lock (gate)
            if (up.IsCancellationRequested) up = new CancellationTokenSource();
    }
}
