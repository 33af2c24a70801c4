using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace WritersRoom.Web.Accounts;

/// <summary>The signed-in user of this circuit, as services need it: an id to check against, never a UI flag.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authState)
{
    public async Task<string> RequireIdAsync()
    {
        var state = await authState.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new UnauthorizedAccessException("Sign in first.");
    }

    public async Task<ClaimsPrincipal> PrincipalAsync() => (await authState.GetAuthenticationStateAsync()).User;
}
