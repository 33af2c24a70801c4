using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;
using WritersRoom.Core.Scripts;

namespace WritersRoom.Browser.Tests.Editing;

// Playwright's calls carry their own timeouts; the shared app fixture is what ends the run.
#pragma warning disable xUnit1051
// One class with the other editor tests, so it shares their app and browser (each class of its own starts another
// app process, and on a small machine the parallel classes slow each other past their timeouts).
public sealed partial class EditorBrowserTests
{
    [Fact]
    public async Task Restoring_a_named_version_puts_the_old_text_back_in_every_open_editor()
    {
        var (a, aId) = await app.SignedInAsync("Ann");
        var (b, bId) = await app.SignedInAsync("Ben");
        var script = await app.ScriptAsync(aId, Fountain, (bId, ScriptRole.Writer));
        var pageA = await OpenAsync(a, script);
        var pageB = await OpenAsync(b, script);

        await pageA.GetByTestId("history-tab").ClickAsync();
        await pageA.GetByTestId("snapshot-name").FillAsync("Draft 1");
        await pageA.GetByTestId("snapshot-create").ClickAsync();
        await Assertions.Expect(pageA.GetByTestId("snapshot-item")).ToContainTextAsync("Draft 1");

        var actionA = pageA.Locator("[data-testid=block][data-type=action]").First;
        var actionB = pageB.Locator("[data-testid=block][data-type=action]").First;
        await actionA.ClickAsync();
        await pageA.Keyboard.PressAsync("End");
        await pageA.Keyboard.TypeAsync(" Then he dives.");
        await Assertions.Expect(actionB).ToHaveTextAsync("Edward wades in. Then he dives.");
        await Assertions.Expect(pageA.GetByTestId("save-state")).ToHaveTextAsync("Saved");

        var draft = pageA.GetByTestId("snapshot-item").Filter(new() { HasText = "Draft 1" });
        await draft.GetByTestId("snapshot-restore").ClickAsync();
        await draft.GetByTestId("snapshot-restore-confirm").ClickAsync();

        await Assertions.Expect(actionA).ToHaveTextAsync("Edward wades in.");
        await Assertions.Expect(actionB).ToHaveTextAsync("Edward wades in.");
        // The text it replaced is a version of its own, at the top of the list, so the restore can be undone.
        await Assertions.Expect(pageA.GetByTestId("snapshot-item").First).ToHaveAttributeAsync("data-kind", "before-restore");
        await Assertions.Expect(pageA.GetByTestId("save-state")).ToHaveTextAsync("Saved");
        var reloaded = await OpenAsync(b, script);
        await Assertions.Expect(reloaded.Locator("[data-testid=block][data-type=action]").First).ToHaveTextAsync("Edward wades in.");
        await a.CloseAsync();
        await b.CloseAsync();
    }
}
