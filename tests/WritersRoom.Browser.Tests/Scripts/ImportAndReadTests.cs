using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests.Scripts;

public sealed class ImportAndReadTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_new_writer_registers_logs_in_imports_Big_Fish_and_reads_its_scenes()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.App.BaseUri);
        const string email = "ed.bloom@example.com", password = "correct horse battery";

        await WriterActions.RegisterAsync(page, email, password);
        await WriterActions.LogoutAsync(page);
        await WriterActions.LoginAsync(page, email, password);

        await WriterActions.ImportAsync(page, TestEnvironment.Fixture("big-fish.fountain"));

        var navItems = page.GetByTestId("scene-nav-item");
        await Assertions.Expect(navItems).ToHaveCountAsync(192);
        await Assertions.Expect(page.GetByTestId("script-title")).ToContainTextAsync("Big Fish", new() { IgnoreCase = true });
        await Assertions.Expect(navItems.First).ToHaveAttributeAsync("data-scene-number", "1");
        await Assertions.Expect(page.Locator("[data-testid=block][data-type=scene_heading]")).ToHaveCountAsync(192);
        await Assertions.Expect(page.Locator("[data-testid=block][data-type=character]").First).ToBeVisibleAsync();

        // The script is in my list afterwards, with its scene count.
        await WriterActions.OpenAsync(page, "/");
        var item = page.GetByTestId("script-item");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync("192");
    }

    [Fact]
    public async Task A_signed_in_writer_stays_signed_in_across_a_server_restart()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.App.BaseUri);
        await WriterActions.RegisterAsync(page, "restart@example.com", "correct horse battery");

        // The cookie is protected by keys stored in the database, so a new process can still read it.
        await fixture.App.KillAsync();
        await fixture.App.StartAsync(TestContext.Current.CancellationToken);

        await WriterActions.OpenAsync(page, "/");
        await Assertions.Expect(page.GetByTestId("logout")).ToBeVisibleAsync();
        Assert.DoesNotContain("/login", page.Url);
    }

    [Fact]
    public async Task A_script_id_that_is_not_mine_reads_as_not_found()
    {
        var owner = await fixture.Browser.NewPageAsync(fixture.App.BaseUri);
        await WriterActions.RegisterAsync(owner, "owner@example.com", "correct horse battery");
        await WriterActions.ImportAsync(owner, TestEnvironment.Fixture("brick-and-steel.fountain"));
        var url = owner.Url;

        var stranger = await fixture.Browser.NewPageAsync(fixture.App.BaseUri);
        await WriterActions.RegisterAsync(stranger, "stranger@example.com", "correct horse battery");
        await WriterActions.OpenAsync(stranger, url);

        await Assertions.Expect(stranger.GetByTestId("not-found")).ToBeVisibleAsync();
        await Assertions.Expect(stranger.GetByTestId("block")).ToHaveCountAsync(0);
    }
}
