using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;

namespace WritersRoom.Browser.Tests.Editing;

// Playwright's calls carry their own timeouts; the shared app fixture is what ends the run.
#pragma warning disable xUnit1051
/// <summary>Its own app process (the class fixture), since the test stalls that app's database.</summary>
public sealed class SaveRetryBrowserTests(StallableAppFixture app) : IClassFixture<StallableAppFixture>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n";

    // The page's WebSockets, so the test can drop the circuit's connection as a network blip does.
    private const string TrackSockets = """
        (() => {
          const open = new Set();
          window.WebSocket = class extends window.WebSocket {
            constructor(...args) { super(...args); open.add(this); this.addEventListener("close", () => open.delete(this)); }
          };
          window.dropConnections = () => { for (const socket of open) socket.close(4000, "dropped by the test"); };
        })();
        """;

    [Fact]
    public async Task A_resend_the_server_fails_while_connected_is_retried_until_saved_and_stored_once()
    {
        var (context, userId) = await app.SignedInAsync("Rae");
        var script = await app.ScriptAsync(userId, Fountain);
        await context.AddInitScriptAsync(TrackSockets);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"scripts/{script}");
        var action = page.Locator("[data-testid=block][data-type=action]").First;
        var saveState = page.GetByTestId("save-state");
        await action.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" One.");
        await Assertions.Expect(saveState).ToHaveTextAsync("Saved");

        // The connection drops and cannot come back for a moment: what is typed meanwhile waits in the page.
        var negotiate = new Regex("/_blazor/negotiate");
        await page.RouteAsync(negotiate, route => route.AbortAsync());
        await page.EvaluateAsync("dropConnections()");
        await Assertions.Expect(saveState).ToHaveTextAsync("Offline");
        await page.Keyboard.TypeAsync(" Two.");

        // It comes back while the database stalls: the resend fails on the server (it cannot ask the database what it
        // already holds). The page says so and tries again instead of staying offline.
        app.Proxy.Delay = TimeSpan.FromSeconds(60);
        await page.UnrouteAsync(negotiate);
        var slow = new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 };
        await Assertions.Expect(saveState).ToHaveTextAsync("Reconnecting", slow);
        Assert.Contains("could not be done now", app.App.Output);

        app.Proxy.Delay = TimeSpan.Zero;
        await Assertions.Expect(saveState).ToHaveTextAsync("Saved", slow);
        await Assertions.Expect(action).ToHaveTextAsync("Edward wades in. One. Two.");
        await using (var db = await app.Database.Factory.CreateDbContextAsync())
            Assert.Equal(1, await db.Blocks.CountAsync(b => b.ScriptId == script && b.Text == "Edward wades in. One. Two."));
        var fresh = await context.NewPageAsync();
        await fresh.GotoAsync($"scripts/{script}");
        await Assertions.Expect(fresh.Locator("[data-testid=block][data-type=action]").First).ToHaveTextAsync("Edward wades in. One. Two.");
        await context.CloseAsync();
    }
}
