using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;
using WritersRoom.Core.Scripts;

namespace WritersRoom.Browser.Tests.ScaleOut;

// Playwright's calls carry their own timeouts; the shared fixture is what ends the run.
#pragma warning disable xUnit1051
/// <summary>
/// Two instances behind nginx (sticky). Writers on different instances see each other's typing and presence; the
/// instance a writer is typing on is killed (SIGKILL): her page comes back on the other instance through the load
/// balancer and not one typed character is lost; the writers of the dead instance vanish from the others' presence.
/// </summary>
public sealed class InstanceKillBrowserTests(ScaleOutFixture cluster, ITestOutputHelper output) : IClassFixture<ScaleOutFixture>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n";

    [Fact]
    public async Task A_writer_whose_instance_is_killed_carries_on_on_the_other_and_loses_nothing()
    {
        var (annContext, ann) = await cluster.SignedInAsync("Ann", cluster.Balancer.BaseUri);
        var script = await cluster.ScriptAsync(ann, Fountain);
        var annPage = await OpenAsync(annContext, script);
        // nginx chose an instance for Ann; the other writers go straight to one instance each.
        var annInstance = cluster.First.Output.Contains($"Loaded script {script}") ? cluster.First : cluster.Second;
        var other = annInstance == cluster.First ? cluster.Second : cluster.First;
        var (benContext, ben) = await cluster.SignedInAsync("Ben", other.BaseUri);
        var (catContext, cat) = await cluster.SignedInAsync("Cat", annInstance.BaseUri);
        await using (var db = await cluster.Database.Factory.CreateDbContextAsync())
        {
            db.ScriptMembers.Add(new() { ScriptId = script, UserId = ben, Role = ScriptRole.Writer });
            db.ScriptMembers.Add(new() { ScriptId = script, UserId = cat, Role = ScriptRole.Writer });
            await db.SaveChangesAsync();
        }
        var benPage = await OpenAsync(benContext, script);
        var catPage = await OpenAsync(catContext, script);
        // A writer shows in presence once the caret is in the script.
        await benPage.Locator("[data-testid=block][data-type=dialogue]").First.ClickAsync();
        await catPage.Locator("[data-testid=block][data-type=character]").First.ClickAsync();

        // Across instances: Ben (other instance) sees Ann's typing and everyone's presence.
        var action = annPage.Locator("[data-testid=block][data-type=action]").First;
        var blockId = Guid.Parse((await action.GetAttributeAsync("data-block-id"))!);
        await action.ClickAsync();
        await annPage.Keyboard.PressAsync("End");
        await annPage.Keyboard.TypeAsync(" One.");
        var benAction = benPage.Locator("[data-testid=block][data-type=action]").First;
        await Assertions.Expect(benAction).ToHaveTextAsync("Edward wades in. One.");
        await Assertions.Expect(benPage.Locator("[data-testid=presence]")).ToHaveCountAsync(3);
        await Assertions.Expect(annPage.GetByTestId("save-state")).ToHaveTextAsync("Saved");

        // Ann types and her instance dies before it can acknowledge what she typed.
        await annPage.Keyboard.TypeAsync(" Two");
        var stateAtKill = await annPage.GetByTestId("save-state").TextContentAsync();
        await annInstance.KillAsync();
        output.WriteLine($"save-state when the instance was killed: {stateAtKill}");
        var killed = DateTime.UtcNow;

        // Her page finds the other instance through nginx (reload after the circuit is refused) and resends.
        await Assertions.Expect(annPage.Locator("[data-testid=block][data-type=action]").First)
            .ToHaveTextAsync("Edward wades in. One. Two", new() { Timeout = 60_000 });
        await Assertions.Expect(annPage.GetByTestId("save-state")).ToHaveTextAsync("Saved", new() { Timeout = 30_000 });
        output.WriteLine($"Ann's page was back and saved on the other instance {(DateTime.UtcNow - killed).TotalSeconds:F1} s after the kill");
        var again = annPage.Locator("[data-testid=block][data-type=action]").First;
        await again.ClickAsync();
        await annPage.Keyboard.PressAsync("End");
        await annPage.Keyboard.TypeAsync(" Three.");
        await Assertions.Expect(annPage.GetByTestId("save-state")).ToHaveTextAsync("Saved");

        Assert.Equal("Edward wades in. One. Two Three.", await cluster.StoredTextAsync(blockId));
        await Assertions.Expect(benAction).ToHaveTextAsync("Edward wades in. One. Two Three.");
        // Cat was on the dead instance: she vanishes from Ben's presence once her instance stops repeating her.
        await Assertions.Expect(benPage.Locator($"[data-testid=presence][data-user='{cat}']")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Assertions.Expect(benPage.Locator($"[data-testid=presence][data-user='{ann}']")).ToHaveCountAsync(1);
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, Guid script)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"scripts/{script}");
        try
        {
            await page.Locator("[data-testid=block]").First.WaitForAsync();
        }
        catch (TimeoutException)
        {
            output.WriteLine(cluster.Balancer.Log());
            output.WriteLine(cluster.First.Output);
            output.WriteLine(cluster.Second.Output);
            throw;
        }
        return page;
    }
}
