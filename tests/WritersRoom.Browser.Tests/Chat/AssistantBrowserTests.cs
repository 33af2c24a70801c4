using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;

namespace WritersRoom.Browser.Tests.Chat;

// Playwright's calls carry their own timeouts; the shared app fixture is what ends the run.
#pragma warning disable xUnit1051
public sealed class AssistantBrowserTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_writer_asks_about_the_sample_offline_gets_a_cited_answer_and_the_citation_shows_the_scene_in_the_editor()
    {
        var page = await app.Browser.NewPageAsync(app.App.BaseUri);
        await WriterActions.RegisterAsync(page, $"margot-{Guid.NewGuid():N}@example.com", "correct horse battery");
        await page.GetByTestId("script-sample").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/scripts/[0-9a-f-]{36}$"));
        await page.Locator("[data-testid=block]").First.WaitForAsync();

        await page.GetByTestId("chat-toggle").ClickAsync();
        var panel = page.GetByTestId("chat-panel");
        await Assertions.Expect(panel.GetByTestId("chat-provider")).ToHaveAttributeAsync("data-offline", "true");
        await panel.GetByTestId("chat-input").FillAsync("Who named the starter?");
        await panel.GetByTestId("chat-send").ClickAsync();

        await Assertions.Expect(panel.Locator("[data-testid=chat-message][data-role=user]")).ToHaveTextAsync("Who named the starter?");
        var answer = panel.Locator("[data-testid=chat-message][data-role=assistant]");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 30_000 });
        await Assertions.Expect(answer).ToContainTextAsync("Offline mode");
        // The thread is listed under its first words, and the question stayed where it was asked.
        await Assertions.Expect(panel.GetByTestId("chat-threads-toggle")).ToContainTextAsync("Who named the starter?");

        var citation = answer.Locator(".chat-markdown [data-testid=citation]").First;
        var sceneId = await citation.GetAttributeAsync("data-scene-id");
        Assert.False(string.IsNullOrEmpty(sceneId));
        await page.Locator("[data-testid=editor] [data-testid=block]").Last.ScrollIntoViewIfNeededAsync();
        await citation.ClickAsync();

        // The editor brings the cited scene into view and highlights the quoted paragraphs; the answer stays.
        var cited = page.Locator("[data-testid=editor] [data-testid=block][data-cited]");
        await Assertions.Expect(cited.First).ToBeInViewportAsync();
        var citedText = await cited.First.TextContentAsync();
        Assert.Contains(citedText!, await answer.TextContentAsync());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"scene={sceneId}"));
        // The highlighted paragraphs are in that scene: the nearest heading above them is the navigator's heading for it.
        var navHeading = await page.Locator($"[data-testid=scene-nav-item][data-scene-id='{sceneId}'] .wr-nav-heading").TextContentAsync();
        var headingAbove = await cited.First.EvaluateAsync<string>(
            "el => { let p = el; while (p && p.dataset.type !== 'scene_heading') p = p.previousElementSibling; return p ? p.textContent : ''; }");
        Assert.Equal(navHeading!.Trim(), headingAbove.Trim(), ignoreCase: true);
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveTextAsync("Saved");
        await page.Context.CloseAsync();
    }
}
