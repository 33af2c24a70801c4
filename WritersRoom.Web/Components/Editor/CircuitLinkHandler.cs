using Microsoft.AspNetCore.Components.Server.Circuits;

namespace WritersRoom.Web.Components.Editor;

/// <summary>Tells the circuit's <see cref="CircuitLink"/> when its browser's connection drops and comes back.</summary>
public sealed class CircuitLinkHandler(CircuitLink link) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        link.Down();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        link.Up();
        return Task.CompletedTask;
    }
}
