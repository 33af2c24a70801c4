using Bunit;
using TestContext = Xunit.TestContext;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Pages;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Components.Pages;

public sealed class ScriptPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_member_sees_the_title_a_navigator_entry_per_scene_and_every_paragraph()
    {
        var owner = await PageServices.CreateUserAsync(database);
        var id = await SampleScript.ImportAsync(PageServices.Importer(database), owner, TestContext.Current.CancellationToken);
        await using var context = PageServices.Create(database, owner);

        var page = context.Render<ScriptPage>(p => p.Add(s => s.Id, id));

        page.WaitForAssertion(() => Assert.Equal("SECOND RISING", page.Find("[data-testid=script-title]").TextContent));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], page.FindAll("[data-testid=scene-nav-item]").Select(i => i.GetAttribute("data-scene-number")));
        Assert.Equal(await PageServices.BlockCountAsync(database, id), page.FindAll("[data-testid=editor] [data-testid=block]").Count);
        Assert.Equal("Owner", page.Find("[data-testid=script-role]").TextContent.Trim());
    }

    [Fact]
    public async Task A_stranger_and_an_unknown_id_get_the_same_not_found_and_no_script_data()
    {
        var owner = await PageServices.CreateUserAsync(database);
        var stranger = await PageServices.CreateUserAsync(database);
        var id = await SampleScript.ImportAsync(PageServices.Importer(database), owner, TestContext.Current.CancellationToken);
        await using var context = PageServices.Create(database, stranger);

        var theirs = context.Render<ScriptPage>(p => p.Add(s => s.Id, id));
        theirs.WaitForElement("[data-testid=not-found]");
        var unknown = context.Render<ScriptPage>(p => p.Add(s => s.Id, Guid.NewGuid()));
        unknown.WaitForElement("[data-testid=not-found]");

        Assert.Equal(unknown.Find("[data-testid=not-found]").TextContent, theirs.Find("[data-testid=not-found]").TextContent);
        Assert.Contains("Script not found", theirs.Markup);
        Assert.DoesNotContain("SECOND RISING", theirs.Markup);
        Assert.Empty(theirs.FindAll("[data-testid=block], [data-testid=scene-nav-item], [data-testid=script-title]"));
    }
}
