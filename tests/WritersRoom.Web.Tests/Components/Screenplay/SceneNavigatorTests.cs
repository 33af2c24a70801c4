using Bunit;
using WritersRoom.Core.Screenplay;
using WritersRoom.Web.Components.Screenplay;
using static WritersRoom.Web.Tests.Components.Screenplay.Documents;

namespace WritersRoom.Web.Tests.Components.Screenplay;

public sealed class SceneNavigatorTests : IDisposable
{
    private readonly BunitContext context = MudTestContext.Create();

    public void Dispose() => context.Dispose();

    [Fact]
    public void One_item_per_scene_numbered_in_order_with_given_numbers_kept()
    {
        var preamble = Scene(null, Block(ElementType.Transition, "FADE IN:"));
        var first = Scene(null, Block(ElementType.SceneHeading, "INT. KITCHEN - NIGHT"));
        var second = Scene("12A", Block(ElementType.SceneHeading, "EXT. *ROAD* - DAY"));
        var third = Scene(null, Block(ElementType.SceneHeading, "INT. ROOF - DAWN"), Block(ElementType.Action, "Gulls."));
        var entries = SceneNumbering.Entries([preamble, first, second, third]);

        var nav = context.Render<SceneNavigator>(p => p.Add(n => n.Scenes, entries));

        var items = nav.FindAll("[data-testid=scene-nav] [data-testid=scene-nav-item]");
        Assert.Equal([first.Scene.Id, second.Scene.Id, third.Scene.Id], items.Select(i => Guid.Parse(i.GetAttribute("data-scene-id")!)));
        Assert.Equal(["1", "12A", "3"], items.Select(i => i.GetAttribute("data-scene-number")));
        Assert.Contains("EXT. ROAD - DAY", items[1].TextContent);
    }

    [Fact]
    public void Choosing_an_item_asks_for_that_scene()
    {
        var scene = Scene(null, Block(ElementType.SceneHeading, "INT. KITCHEN - NIGHT"));
        Guid? chosen = null;
        var nav = context.Render<SceneNavigator>(p => p
            .Add(n => n.Scenes, SceneNumbering.Entries([scene]))
            .Add(n => n.OnSelect, (Guid id) => chosen = id));

        nav.Find("[data-testid=scene-nav-item]").Click();

        Assert.Equal(scene.Scene.Id, chosen);
    }
}
