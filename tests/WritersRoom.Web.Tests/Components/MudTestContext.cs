using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WritersRoom.Web.Security.Circuits;

namespace WritersRoom.Web.Tests.Components;

/// <summary>A bUnit context set up as MudBlazor's own tests do: loose JS interop, no transitions, no provider check.</summary>
internal static class MudTestContext
{
    public static BunitContext Create()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        return context;
    }

    /// <summary>The circuit's guard, as the app registers it (one per circuit: one per bUnit context), with the given policy.</summary>
    public static void AddCircuitGuard(this BunitContext context, Action<CircuitGuardOptions>? configure = null)
    {
        context.Services.AddOptions<CircuitGuardOptions>().Configure(o => configure?.Invoke(o));
        context.Services.AddScoped<CircuitGuard>();
    }

    /// <summary>Signs the test's circuit in as <paramref name="userId"/>, the way the cookie would.</summary>
    public static void SignIn(this BunitContext context, string userId, string name = "writer@example.com", params string[] roles)
    {
        var auth = context.AddAuthorization();
        auth.SetAuthorized(name);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        if (roles.Length > 0) auth.SetRoles(roles);
    }
}
