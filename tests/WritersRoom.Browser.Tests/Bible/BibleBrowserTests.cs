using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests.Bible;

/// <summary>The app with its scheduler polling every second (and a 5-second quiet period), on its own database.</summary>
public sealed class FastJobsAppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public AppProcess App { get; private set; } = null!;
    public BrowserSession Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        App = new AppProcess(Database.ConnectionString, new Dictionary<string, string>
        {
            ["Jobs__Debounce"] = "00:00:05",
            ["Jobs__SceneInterval"] = "00:00:01",
            ["Jobs__CastInterval"] = "00:00:01",
            ["Jobs__SheetInterval"] = "00:00:01",
            ["Jobs__OutlineInterval"] = "00:00:01",
        });
        await App.StartAsync();
        Browser = await BrowserSession.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

// Playwright's calls carry their own timeouts; the fixture is what ends the run.
#pragma warning disable xUnit1051
public sealed class BibleBrowserTests(FastJobsAppFixture fixture) : IClassFixture<FastJobsAppFixture>
{
    [Fact]
    public async Task After_an_import_the_jobs_read_every_scene_and_the_writer_approves_a_drafted_sheet_and_outline_in_the_bible()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.App.BaseUri);
        await WriterActions.RegisterAsync(page, "bible@example.com", "correct horse battery");
        await WriterActions.ImportAsync(page, TestEnvironment.Fixture("brick-and-steel.fountain"));

        // Just imported: the assistant has read nothing yet; the scene job reads it all once the script is quiet.
        var unread = page.GetByTestId("scene-nav-unread");
        await Assertions.Expect(unread.First).ToBeAttachedAsync();
        await Assertions.Expect(unread).ToHaveCountAsync(0, new() { Timeout = 60_000 });

        await page.GetByTestId("script-bible").ClickAsync();
        await Assertions.Expect(page.GetByTestId("character-list")).ToBeVisibleAsync();
        // Sheets and the outline are drafted by their own jobs a moment later: refresh until they are there.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && (await page.GetByTestId("character-draft").CountAsync() == 0 || await page.GetByTestId("outline-draft").CountAsync() == 0))
        {
            await page.WaitForTimeoutAsync(1000);
            await page.GetByTestId("bible-refresh").ClickAsync();
        }

        var character = page.Locator("[data-testid=character-item][data-status=pending]").First;
        var name = await character.GetAttributeAsync("data-name");
        await character.GetByTestId("character-approve").ClickAsync();
        var approved = page.Locator($"[data-testid=character-item][data-name='{name}']");
        await Assertions.Expect(approved).ToHaveAttributeAsync("data-status", "approved");
        await Assertions.Expect(approved.GetByTestId("character-sheet")).ToContainTextAsync($"Who: {name}");

        await page.GetByTestId("outline-approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("outline-draft")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=outline] [data-testid=outline-item][data-kind=act]").First).ToContainTextAsync("Act I");
    }
}
