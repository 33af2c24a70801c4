using System.Text.Json;
using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;
using WritersRoom.TestSupport;
using WritersRoom.Web.Tests.Ai;

namespace WritersRoom.Browser.Tests.Chat;

/// <summary>The app with a language model: the loopback fake one, which proposes rewrites through the assistant's tool.</summary>
public sealed class ModelAppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    internal FakeModelServer Model { get; private set; } = null!;
    public AppProcess App { get; private set; } = null!;
    public BrowserSession Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Model = await FakeModelServer.StartAsync();
        App = new AppProcess(Database.ConnectionString, new Dictionary<string, string>
        {
            ["Ai__Provider"] = "OpenAI", ["Ai__Endpoint"] = Model.Url + "/v1", ["Ai__ChatModel"] = "fake-chat",
            ["Ai__EmbeddingModel"] = "fake-embed", ["Ai__EmbeddingDimensions"] = "3",
        });
        await App.StartAsync();
        Browser = await BrowserSession.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        if (Model is not null) await Model.DisposeAsync();
        await Database.DisposeAsync();
    }
}

// Playwright's calls carry their own timeouts; the fixture is what ends the run.
#pragma warning disable xUnit1051
public sealed class RewriteBrowserTests(ModelAppFixture fixture) : IClassFixture<ModelAppFixture>
{
    private const string Opening = "Edward wades in with the bait.";
    private const string Rewritten = "Edward wades into the river, bait held high.";

    [Fact]
    public async Task A_writer_asks_beside_the_editor_for_a_rewrite_applies_it_sees_the_paragraph_change_marked_undoes_it_with_ctrl_z_redoes_it_and_undoes_it_on_the_card()
    {
        var (context, owner) = await TestAccounts.SignedInAsync(fixture.Browser.Browser, fixture.Database, fixture.App.BaseUri, "rewriter");
        var script = await TestAccounts.ScriptAsync(fixture.Database, owner,
            $"INT. RIVER - DAY\n\n{Opening}\n\nWILL\nDad, that fish is a story.\n\nEXT. CAVE - NIGHT\n\nKarl the giant sulks in the dark.\n");
        var page = await context.NewPageAsync();
        await WriterActions.OpenAsync(page, $"scripts/{script}");
        var opening = page.Locator("[data-testid=editor] [data-testid=block][data-type=action]").First;
        await Assertions.Expect(opening).ToHaveTextAsync(Opening);
        var blockId = await opening.GetAttributeAsync("data-block-id");
        await opening.ClickAsync();

        fixture.Model.ToolCalls.Enqueue(("propose_rewrite", JsonSerializer.Serialize(new { scene = "1", paragraph = Opening, text = Rewritten, reason = "More vivid." })));
        await page.GetByTestId("chat-toggle").ClickAsync();
        var panel = page.GetByTestId("chat-panel");
        await panel.GetByTestId("chat-input").FillAsync("Rewrite this line, more vivid.");
        await panel.GetByTestId("chat-send").ClickAsync();

        // The question went with the place of the caret; the answer carries the proposal as a card with its diff.
        await Assertions.Expect(panel.Locator("[data-testid=chat-message][data-role=user] [data-testid=chat-focus]")).ToContainTextAsync("scene 1");
        var card = panel.GetByTestId("rewrite-proposal");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "proposed", new() { Timeout = 30_000 });
        await Assertions.Expect(card.GetByTestId("rewrite-diff").Locator("ins").First).ToBeVisibleAsync();

        await card.GetByTestId("rewrite-apply").ClickAsync();

        var block = page.Locator($"[data-testid=editor] [data-testid=block][data-block-id='{blockId}']");
        await Assertions.Expect(block).ToHaveTextAsync(Rewritten);
        await Assertions.Expect(block).ToHaveAttributeAsync("data-ai-assisted", "true");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "applied");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveTextAsync("Saved");

        // Ctrl+Z in the editor undoes the rewrite as one step, through the server (the card follows); Ctrl+Y puts it back.
        await block.ClickAsync();
        await page.Keyboard.PressAsync("Control+z");

        await Assertions.Expect(block).ToHaveTextAsync(Opening);
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "undone");

        await page.Keyboard.PressAsync("Control+y");

        await Assertions.Expect(block).ToHaveTextAsync(Rewritten);
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "applied");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveTextAsync("Saved");

        await card.GetByTestId("rewrite-undo").ClickAsync();

        await Assertions.Expect(block).ToHaveTextAsync(Opening);
        await Assertions.Expect(block).Not.ToHaveAttributeAsync("data-ai-assisted", "true");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "undone");
        await Assertions.Expect(page.GetByTestId("save-state")).ToHaveTextAsync("Saved");
        await context.CloseAsync();
    }
}
