using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using TestContext = Xunit.TestContext;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Editor;
using WritersRoom.Web.Components.Pages;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Components.Pages;

public sealed class ScriptPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_member_sees_the_title_their_role_and_the_editor_for_that_script()
    {
        var owner = await PageServices.CreateUserAsync(database);
        var id = await SampleScript.ImportAsync(PageServices.Importer(database), owner, TestContext.Current.CancellationToken);
        await using var context = PageServices.Create(database, owner);
        // The live editor has its own tests (session tests and the browser); here it is a stand-in.
        context.ComponentFactories.AddStub<ScriptEditor>();

        var page = context.Render<ScriptPage>(p => p.Add(s => s.Id, id));

        page.WaitForAssertion(() => Assert.Equal("SECOND RISING", page.Find("[data-testid=script-title]").TextContent));
        Assert.Equal("Owner", page.Find("[data-testid=script-role]").TextContent.Trim());
        Assert.Equal(id, page.FindComponent<Stub<ScriptEditor>>().Instance.Parameters.Get(e => e.ScriptId));
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

    [Fact]
    public async Task A_citation_link_hands_the_scene_and_paragraphs_to_the_editor_without_reloading_the_page()
    {
        var owner = await PageServices.CreateUserAsync(database);
        var id = await SampleScript.ImportAsync(PageServices.Importer(database), owner, TestContext.Current.CancellationToken);
        await using var context = PageServices.Create(database, owner);
        context.ComponentFactories.AddStub<ScriptEditor>();
        var navigation = context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = context.Render<ScriptPage>(p => p.Add(s => s.Id, id));
        page.WaitForElement("[data-testid=script-title]");
        var editor = page.FindComponent<Stub<ScriptEditor>>();
        var (scene, block) = (Guid.NewGuid(), Guid.NewGuid());

        navigation.NavigateTo($"/scripts/{id}?scene={scene}&at={block}");

        page.WaitForAssertion(() => Assert.Equal(scene, page.FindComponent<Stub<ScriptEditor>>().Instance.Parameters.Get(e => e.RevealScene)));
        Assert.Equal(block.ToString(), page.FindComponent<Stub<ScriptEditor>>().Instance.Parameters.Get(e => e.RevealBlocks));
        Assert.Same(editor.Instance, page.FindComponent<Stub<ScriptEditor>>().Instance);
    }
}
