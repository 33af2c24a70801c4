using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;
using WritersRoom.Core.Scripts;

namespace WritersRoom.Browser.Tests.Editing;

// Playwright's calls carry their own timeouts; the shared app fixture is what ends the run.
#pragma warning disable xUnit1051
public sealed partial class EditorBrowserTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n";

    private static async Task<IPage> OpenAsync(IBrowserContext context, Guid script)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"scripts/{script}");
        await page.Locator("[data-testid=block]").First.WaitForAsync();
        return page;
    }

    [Fact]
    public async Task Two_writers_in_the_same_scene_see_each_others_typing()
    {
        var (a, aId) = await app.SignedInAsync("Ann");
        var (b, bId) = await app.SignedInAsync("Ben");
        var script = await app.ScriptAsync(aId, Fountain, (bId, ScriptRole.Writer));
        var pageA = await OpenAsync(a, script);
        var pageB = await OpenAsync(b, script);

        var actionA = pageA.Locator("[data-testid=block][data-type=action]").First;
        await actionA.ClickAsync();
        await pageA.Keyboard.PressAsync("End");
        await pageA.Keyboard.TypeAsync(" Ann types.");
        var actionB = pageB.Locator("[data-testid=block][data-type=action]").First;
        await Assertions.Expect(actionB).ToContainTextAsync("Ann types.");

        await actionB.ClickAsync();
        await pageB.Keyboard.PressAsync("Home");
        await pageB.Keyboard.TypeAsync("Ben: ");
        await Assertions.Expect(actionA).ToHaveTextAsync("Ben: Edward wades in. Ann types.");
        await Assertions.Expect(actionB).ToHaveTextAsync("Ben: Edward wades in. Ann types.");
        await Assertions.Expect(pageA.GetByTestId("save-state")).ToHaveTextAsync("Saved");
        await Assertions.Expect(pageB.Locator("[data-testid=presence]")).ToHaveCountAsync(2);
        await a.CloseAsync();
        await b.CloseAsync();
    }

    [Fact]
    public async Task Enter_after_a_character_cue_starts_dialogue()
    {
        var (a, aId) = await app.SignedInAsync("Cat");
        var script = await app.ScriptAsync(aId, Fountain);
        var page = await OpenAsync(a, script);

        await page.Locator("[data-testid=block][data-type=dialogue]").First.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter"); // empty action → character cue
        await page.Keyboard.TypeAsync("sandra");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Hello.");
        await Assertions.Expect(page.Locator("[data-testid=block][data-type=character]").Last).ToHaveTextAsync("SANDRA");
        await Assertions.Expect(page.Locator("[data-testid=block][data-type=dialogue]").Last).ToHaveTextAsync("Hello.");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveTextAsync("Saved");

        var reloaded = await OpenAsync(a, script);
        await Assertions.Expect(reloaded.Locator("[data-testid=block][data-type=dialogue]").Last).ToHaveTextAsync("Hello.");
        await a.CloseAsync();
    }

    [Fact]
    public async Task A_reader_cannot_type()
    {
        var (owner, ownerId) = await app.SignedInAsync("Owner");
        var (reader, readerId) = await app.SignedInAsync("Reader");
        var script = await app.ScriptAsync(ownerId, Fountain, (readerId, ScriptRole.Reader));
        var page = await OpenAsync(reader, script);

        await Assertions.Expect(page.GetByTestId("editor")).ToHaveAttributeAsync("contenteditable", "false");
        var action = page.Locator("[data-testid=block][data-type=action]").First;
        await action.ClickAsync();
        await page.Keyboard.TypeAsync("Vandal");
        await Assertions.Expect(action).ToHaveTextAsync("Edward wades in.");
        await owner.CloseAsync();
        await reader.CloseAsync();
    }
}
