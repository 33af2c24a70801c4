using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Components.Editor;
using WritersRoom.Web.Components.Editor.Review;
using WritersRoom.Web.Components.Shared;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Components.Editor;

/// <summary>A bUnit context for <see cref="ScriptEditor"/> on a test host's editing services, signed in as one user.</summary>
internal static class EditorComponentContext
{
    /// <param name="js">The browser's side (bUnit's loose interop when null).</param>
    /// <param name="link">The circuit's connection, for a test that drops it.</param>
    public static BunitContext Create(EditingTestHost host, string userId, IJSRuntime? js = null, CircuitLink? link = null)
    {
        var context = MudTestContext.Create();
        context.SignIn(userId);
        context.AddCircuitGuard();
        context.Services.AddLogging(l => l.AddProvider(host.Logs));
        context.Services.AddSingleton(host.Editor);
        context.Services.AddSingleton(host.Host.Services.GetRequiredService<EditingMetrics>());
        context.Services.AddSingleton(host.Host.Services.GetRequiredService<WritersRoom.Web.Editing.Rewrites.EditorRewriteSteps>());
        context.Services.AddSingleton(link ?? new CircuitLink());
        if (js is not null) context.Services.AddSingleton(js);
        context.Services.AddScoped<CurrentUser>();
        // The editor's surroundings have their own tests; here only the editor matters.
        context.ComponentFactories.AddStub<SceneNavigator>();
        context.ComponentFactories.AddStub<RevisionControl>();
        context.ComponentFactories.AddStub<EditorSidePanel>();
        context.Render<CircuitGuardian>();
        return context;
    }
}
