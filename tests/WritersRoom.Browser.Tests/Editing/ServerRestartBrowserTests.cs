using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;

namespace WritersRoom.Browser.Tests.Editing;

// Playwright's calls carry their own timeouts; the shared app fixture is what ends the run.
#pragma warning disable xUnit1051
/// <summary>Its own app process (the class fixture), since the test kills and restarts it.</summary>
public sealed class ServerRestartBrowserTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n";

    [Fact]
    public async Task A_writer_typing_while_the_server_restarts_loses_nothing_after_reconnect()
    {
        var (context, userId) = await app.SignedInAsync("Rae");
        var script = await app.ScriptAsync(userId, Fountain);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"scripts/{script}");
        var action = page.Locator("[data-testid=block][data-type=action]").First;
        var saveState = page.GetByTestId("save-state");

        await action.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" One.");
        await Assertions.Expect(saveState).ToHaveTextAsync("Saved");

        // Typed right before the crash (perhaps not yet acknowledged), then while the server is down.
        await page.Keyboard.TypeAsync(" Two.");
        await app.App.KillAsync();
        await Assertions.Expect(saveState).ToHaveTextAsync("Offline");
        await page.Keyboard.TypeAsync(" Three.");
        await Assertions.Expect(action).ToHaveTextAsync("Edward wades in. One. Two. Three.");

        // The new server does not know the old circuit: the page reloads and sends what it kept.
        await app.App.StartAsync();
        var slow = new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 };
        await Assertions.Expect(saveState).ToHaveTextAsync("Saved", slow);
        await Assertions.Expect(action).ToHaveTextAsync("Edward wades in. One. Two. Three.", slow);

        // What another page gets from the server has every character, once.
        var fresh = await context.NewPageAsync();
        await fresh.GotoAsync($"scripts/{script}");
        await Assertions.Expect(fresh.Locator("[data-testid=block][data-type=action]").First).ToHaveTextAsync("Edward wades in. One. Two. Three.");
        await context.CloseAsync();
    }
}
