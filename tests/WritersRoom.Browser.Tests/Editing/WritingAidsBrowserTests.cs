using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;
using WritersRoom.Core.Scripts;

namespace WritersRoom.Browser.Tests.Editing;

// Playwright's calls carry their own timeouts; the shared app fixture is what ends the run.
#pragma warning disable xUnit1051
public sealed class WritingAidsBrowserTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in. Edward smiles.\n\nWILL\nDad?\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";

    private static async Task<IPage> OpenAsync(IBrowserContext context, Guid script)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"scripts/{script}");
        await page.Locator("[data-testid=block]").First.WaitForAsync();
        return page;
    }

    private static ILocator Blocks(IPage page, string type) => page.Locator($"[data-testid=block][data-type={type}]");

    [Fact]
    public async Task Type_ahead_offers_the_scripts_names_places_and_times_and_the_keyboard_picks_them()
    {
        var (a, aId) = await app.SignedInAsync("Tia");
        var script = await app.ScriptAsync(aId, Fountain);
        var page = await OpenAsync(a, script);

        // A new cue after the dialogue: Enter, Enter, then the first letter of a name the script uses.
        await Blocks(page, "dialogue").First.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("w");
        await Assertions.Expect(page.GetByTestId("typeahead-item")).ToHaveTextAsync(["WILL"]);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Blocks(page, "character").Last).ToHaveTextAsync("WILL");
        await Assertions.Expect(page.GetByTestId("typeahead")).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Blocks(page, "dialogue")).ToHaveCountAsync(2);

        // A new scene: INT./EXT. first, then a location, then a time of day; Escape closes the list.
        await page.GetByTestId("scene-add").ClickAsync();
        await Assertions.Expect(Blocks(page, "scene_heading")).ToHaveCountAsync(3);
        await page.Keyboard.TypeAsync("i");
        await Assertions.Expect(page.GetByTestId("typeahead-item")).ToHaveTextAsync(["INT.", "INT./EXT.", "I/E."]);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("r");
        await Assertions.Expect(page.GetByTestId("typeahead-item")).ToHaveTextAsync(["RIVER", "ROAD"]);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("typeahead-item").First).ToBeVisibleAsync(); // times of day follow
        await page.Keyboard.TypeAsync("ni");
        await Assertions.Expect(page.GetByTestId("typeahead-item")).ToHaveTextAsync(["NIGHT"]);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("typeahead")).ToBeHiddenAsync();
        await page.Keyboard.TypeAsync("ght");
        await Assertions.Expect(Blocks(page, "scene_heading").Nth(1)).ToHaveTextAsync("INT./EXT. ROAD - NIGHT");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveTextAsync("Saved");
        await Assertions.Expect(page.GetByTestId("scene-nav-item")).ToHaveCountAsync(3);
        await a.CloseAsync();
    }

    [Fact]
    public async Task Replace_all_reaches_the_other_writer_and_undoes_in_one_step_and_a_reader_can_only_find()
    {
        var (a, aId) = await app.SignedInAsync("Ada");
        var (b, bId) = await app.SignedInAsync("Bo");
        var (r, rId) = await app.SignedInAsync("Rex");
        var script = await app.ScriptAsync(aId, Fountain, (bId, ScriptRole.Writer), (rId, ScriptRole.Reader));
        var pageA = await OpenAsync(a, script);
        var pageB = await OpenAsync(b, script);
        var actionB = Blocks(pageB, "action").First;

        await pageA.GetByTestId("find-open").ClickAsync();
        await pageA.GetByTestId("find-input").FillAsync("edward");
        await Assertions.Expect(pageA.GetByTestId("find-count")).ToHaveTextAsync("1 of 2");
        await pageA.GetByTestId("find-case").CheckAsync();
        await Assertions.Expect(pageA.GetByTestId("find-count")).ToHaveTextAsync("No matches");
        await pageA.GetByTestId("find-case").UncheckAsync();
        await pageA.GetByTestId("find-next").ClickAsync();
        await Assertions.Expect(pageA.GetByTestId("find-count")).ToHaveTextAsync("2 of 2");

        // Whole words: "Ed" alone matches nothing in "Edward".
        await pageA.GetByTestId("find-word").CheckAsync();
        await pageA.GetByTestId("find-input").FillAsync("Ed");
        await Assertions.Expect(pageA.GetByTestId("find-count")).ToHaveTextAsync("No matches");
        await pageA.GetByTestId("find-word").UncheckAsync();

        await pageA.GetByTestId("find-input").FillAsync("Edward");
        await pageA.GetByTestId("replace-input").FillAsync("Eddie");
        await pageA.GetByTestId("replace-all").ClickAsync();
        await Assertions.Expect(actionB).ToHaveTextAsync("Eddie wades in. Eddie smiles.");
        await Assertions.Expect(pageA.GetByTestId("save-state")).ToHaveTextAsync("Saved");

        // Meanwhile the other writer types elsewhere; undo is of one's own edits only.
        var dialogueB = Blocks(pageB, "dialogue").First;
        await dialogueB.ClickAsync();
        await pageB.Keyboard.PressAsync("End");
        await pageB.Keyboard.TypeAsync(" Hi.");
        await Assertions.Expect(Blocks(pageA, "dialogue").First).ToHaveTextAsync("Dad? Hi.");

        // One undo step takes back every replacement, for everyone.
        await Blocks(pageA, "scene_heading").First.ClickAsync();
        await pageA.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(actionB).ToHaveTextAsync("Edward wades in. Edward smiles.");
        await Assertions.Expect(Blocks(pageA, "action").First).ToHaveTextAsync("Edward wades in. Edward smiles.");
        await Assertions.Expect(Blocks(pageA, "dialogue").First).ToHaveTextAsync("Dad? Hi.");
        await pageA.Keyboard.PressAsync("Control+y");
        await Assertions.Expect(actionB).ToHaveTextAsync("Eddie wades in. Eddie smiles.");

        var pageR = await OpenAsync(r, script);
        await pageR.GetByTestId("find-open").ClickAsync();
        await pageR.GetByTestId("find-input").FillAsync("car");
        await Assertions.Expect(pageR.GetByTestId("find-count")).ToHaveTextAsync("1 of 1");
        await Assertions.Expect(pageR.GetByTestId("replace-input")).ToHaveCountAsync(0);
        await Assertions.Expect(pageR.GetByTestId("replace-all")).ToHaveCountAsync(0);
        await a.CloseAsync();
        await b.CloseAsync();
        await r.CloseAsync();
    }

    [Fact]
    public async Task Locked_scene_numbers_stay_and_a_new_scene_between_1_and_2_is_1A()
    {
        var (a, aId) = await app.SignedInAsync("Lu");
        var script = await app.ScriptAsync(aId, Fountain);
        var page = await OpenAsync(a, script);
        var numbers = page.GetByTestId("scene-nav-item");
        await Assertions.Expect(numbers).ToHaveCountAsync(2);

        await page.GetByTestId("scene-numbers-lock").ClickAsync();
        await Assertions.Expect(page.GetByTestId("scene-numbers-lock")).ToHaveAttributeAsync("data-locked", "true");
        await Assertions.Expect(page.GetByTestId("scene-numbers-renumber")).ToBeDisabledAsync();

        await Blocks(page, "dialogue").First.ClickAsync();
        await page.GetByTestId("scene-add").ClickAsync();
        await Assertions.Expect(Blocks(page, "scene_heading")).ToHaveCountAsync(3);
        await page.Keyboard.TypeAsync("int. bank - day");
        await Assertions.Expect(Blocks(page, "scene_heading").Nth(1)).ToHaveTextAsync("INT. BANK - DAY");
        await Assertions.Expect(numbers).ToHaveCountAsync(3);
        await Assertions.Expect(numbers.Nth(0)).ToHaveAttributeAsync("data-scene-number", "1");
        await Assertions.Expect(numbers.Nth(1)).ToHaveAttributeAsync("data-scene-number", "1A");
        await Assertions.Expect(numbers.Nth(2)).ToHaveAttributeAsync("data-scene-number", "2");
        await Assertions.Expect(Blocks(page, "scene_heading").Nth(1)).ToHaveAttributeAsync("data-scene-number", "1A");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveTextAsync("Saved");

        var again = await OpenAsync(a, script);
        await Assertions.Expect(again.GetByTestId("scene-nav-item").Nth(1)).ToHaveAttributeAsync("data-scene-number", "1A");
        await Assertions.Expect(again.GetByTestId("scene-numbers-lock")).ToHaveAttributeAsync("data-locked", "true");
        await a.CloseAsync();
    }
}
