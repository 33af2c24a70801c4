using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace WritersRoom.Web.Security.Circuits;

/// <summary>
/// Puts the circuit's <see cref="CircuitGuard"/> in front of everything its browser sends (events, interop calls,
/// acknowledgements). A message refused here fails inside the framework's own dispatch, which treats that as fatal:
/// the circuit is unregistered and disposed, so a client that ignores the error cannot go on using it.
/// </summary>
public sealed class CircuitGuardHandler(CircuitGuard guard, AuthenticationStateProvider authentication) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        guard.CircuitId = circuit.Id;
        var state = await authentication.GetAuthenticationStateAsync();
        guard.UserId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => guard.AdmitInbound() ? next(context) : Task.FromException(guard.EndedException);
}
