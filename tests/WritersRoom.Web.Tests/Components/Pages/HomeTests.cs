using Bunit;
using TestContext = Xunit.TestContext;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Pages;

namespace WritersRoom.Web.Tests.Components.Pages;

public sealed class HomeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_writer_with_no_scripts_can_open_the_sample_which_is_imported_for_them_and_opened()
    {
        var writer = await PageServices.CreateUserAsync(database);
        await using var context = PageServices.Create(database, writer);

        var home = context.Render<Home>();
        home.WaitForElement("[data-testid=script-list] [data-testid=scripts-empty]");
        Assert.Empty(home.FindAll("[data-testid=script-item]"));

        home.Find("[data-testid=script-sample]").Click();

        var navigation = context.Services.GetRequiredService<NavigationManager>();
        home.WaitForAssertion(() => Assert.Matches("/scripts/[0-9a-f-]{36}$", navigation.Uri));
        var id = Guid.Parse(navigation.Uri[^36..]);
        var mine = await new ScriptCatalog(database.Factory).ListAsync(writer, TestContext.Current.CancellationToken);
        var sample = Assert.Single(mine);
        Assert.Equal((id, "SECOND RISING", ScriptRole.Owner, 6), (sample.Id, sample.Title, sample.Role, sample.SceneCount));
    }

    [Fact]
    public async Task Each_script_is_listed_with_its_id_and_only_owners_are_offered_delete()
    {
        var writer = await PageServices.CreateUserAsync(database);
        var other = await PageServices.CreateUserAsync(database, $"other-{Guid.NewGuid():N}@example.com");
        var catalog = new ScriptCatalog(database.Factory);
        var ct = TestContext.Current.CancellationToken;
        var own = await catalog.CreateBlankAsync(writer, "Mine", ct);
        var shared = await catalog.CreateBlankAsync(other, "Theirs", ct);
        Assert.Equal(MemberChangeResult.Done, await new ScriptMembers(database.Factory).SetRoleAsync(other, shared, writer, ScriptRole.Reader, ct));
        await using var context = PageServices.Create(database, writer);

        var home = context.Render<Home>();
        home.WaitForElement("[data-testid=script-item]");

        var items = home.FindAll("[data-testid=script-list] [data-testid=script-item]");
        Assert.Equal(new HashSet<Guid> { own, shared }, items.Select(i => Guid.Parse(i.GetAttribute("data-script-id")!)).ToHashSet());
        var ownItem = items.Single(i => i.GetAttribute("data-script-id") == own.ToString());
        var sharedItem = items.Single(i => i.GetAttribute("data-script-id") == shared.ToString());
        Assert.NotNull(ownItem.QuerySelector("[data-testid=script-delete]"));
        Assert.Null(sharedItem.QuerySelector("[data-testid=script-delete]"));
        Assert.Null(sharedItem.QuerySelector("[data-testid=script-rename]"));
        Assert.Contains("Reader", sharedItem.TextContent);
    }
}
