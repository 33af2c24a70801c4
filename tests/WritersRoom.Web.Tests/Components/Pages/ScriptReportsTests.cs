using WritersRoom.Data;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Fountain;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Pages;
using WritersRoom.Web.Formats;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Pages;

/// <summary>The reports page: scenes, characters and locations of a stored script on screen, for members only.</summary>
public sealed class ScriptReportsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static BunitContext Create(TestDatabase database, string userId)
    {
        var context = PageServices.Create(database, userId);
        context.Services.AddSingleton(_ => new ScriptFonts());
        context.Services.AddSingleton<PdfRenderer>();
        context.Services.AddSingleton<ScreenplayExporter>();
        context.Services.AddSingleton(ReadOnlyDatabase.Primary(database.DataSource, database.Factory));
        context.Services.AddSingleton<ScriptExports>();
        return context;
    }

    private async Task<(string Owner, Guid Script)> BrickAndSteelAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = await PageServices.CreateUserAsync(database);
        var parsed = FountainParser.Parse(await File.ReadAllTextAsync(TestEnvironment.Fixture("brick-and-steel.fountain"), ct));
        return (owner, await new ScriptImporter(database.Factory).ImportAsync(parsed, "brick", owner, ct));
    }

    private static List<List<string>> Rows(IRenderedComponent<ScriptReports> page, string table) =>
        page.FindAll($"[data-testid={table}] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();

    private static AngleSharp.Dom.IElement Tab(IRenderedComponent<ScriptReports> page, string title) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.StartsWith(title, StringComparison.Ordinal));

    [Fact]
    public async Task A_member_sees_each_scene_with_its_parts_length_and_speakers_then_characters_and_locations()
    {
        var (owner, script) = await BrickAndSteelAsync();
        await using var context = Create(database, owner);

        var page = context.Render<ScriptReports>(p => p.Add(r => r.Id, script));
        page.WaitForElement("[data-testid=report-scenes] tbody tr", TimeSpan.FromSeconds(10));

        var scenes = Rows(page, "report-scenes");
        Assert.Equal(8, scenes.Count);
        // #, heading, INT/EXT, location, time of day, page, length, characters.
        Assert.Equal(["1", "EXT. BRICK'S PATIO - DAY", "EXT", "BRICK'S PATIO", "DAY"], scenes[0].Take(5));
        Assert.Matches(@"^\d+$", scenes[0][5]);
        Assert.Matches(@"^(\d+ )?\d/8$|^\d+$", scenes[0][6]);
        Assert.Equal("STEEL, BRICK", scenes[0][7]);

        // Found and clicked in one step on the renderer: a render in between would leave a stale handler.
        await page.InvokeAsync(() => Tab(page, "Characters").Click());
        page.WaitForAssertion(() => Assert.NotEmpty(Rows(page, "report-characters")), TimeSpan.FromSeconds(5));
        var steel = Rows(page, "report-characters").Single(r => r[0] == "STEEL");
        // Name, scenes, lines, words, first scene (its number), first page.
        Assert.Equal(("1", "1"), (steel[4], steel[5]));
        Assert.True(int.Parse(steel[2]) > 1);

        await page.InvokeAsync(() => Tab(page, "Locations").Click());
        page.WaitForAssertion(() => Assert.Contains(Rows(page, "report-locations"), r => r[0] == "BRICK'S PATIO" && r[1] == "EXT"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_writer_who_is_not_a_member_is_told_the_script_was_not_found()
    {
        var (_, script) = await BrickAndSteelAsync();
        var stranger = await PageServices.CreateUserAsync(database);
        await using var context = Create(database, stranger);

        var page = context.Render<ScriptReports>(p => p.Add(r => r.Id, script));

        page.WaitForElement("[data-testid=report-not-found]", TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=report-scenes]"));
    }
}
