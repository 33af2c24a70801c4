using Bunit;
using WritersRoom.Core.Editing;
using WritersRoom.Web.Components.Editor;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Tests.Components.Editor;

public sealed class SceneNavigatorTests
{
    private static readonly Guid Heading = Guid.NewGuid();

    private static readonly SceneOutline[] Outline =
    [
        new(Guid.NewGuid(), "", "", "Fade in.", 0.2, Guid.NewGuid()),
        new(Guid.NewGuid(), "12", "INT. RIVER - DAY", "Edward wades in.", 1.5, Heading),
        new(Guid.NewGuid(), "12A", "", "", 0.05, Guid.NewGuid()),
    ];

    [Fact]
    public async Task Scenes_show_their_numbers_lengths_and_screen_time_and_the_tools_call_back()
    {
        await using var context = MudTestContext.Create();
        EditOpKind? numbering = null;
        Guid? deleted = null;
        var added = false;
        var nav = context.Render<SceneNavigator>(p => p
            .Add(n => n.Outline, Outline)
            .Add(n => n.CanEdit, true)
            .Add(n => n.NumbersLocked, true)
            .Add(n => n.OnNumbering, k => numbering = k)
            .Add(n => n.OnDelete, id => deleted = id)
            .Add(n => n.OnAdd, () => added = true));

        var items = nav.FindAll("[data-testid=scene-nav-item]");
        Assert.Equal(["12", "12A"], items.Select(i => i.GetAttribute("data-scene-number")));
        Assert.Contains("(new scene)", items[1].TextContent);
        Assert.Single(nav.FindAll("[data-testid=scene-nav-opening]"));
        Assert.Equal("1.5p · 1:30", nav.FindAll("[data-testid=scene-nav-length]")[1].TextContent.Trim());
        Assert.Contains("2 scenes · 1.8 pages · ~1 min", nav.Find("[data-testid=scene-nav-total]").TextContent);

        Assert.True(nav.Find("[data-testid=scene-numbers-renumber]").HasAttribute("disabled"));
        nav.Find("[data-testid=scene-numbers-lock]").Click();
        Assert.Equal(EditOpKind.UnlockSceneNumbers, numbering);
        nav.FindAll("[data-testid=scene-delete]")[0].Click();
        Assert.Equal(Heading, deleted);
        nav.Find("[data-testid=scene-add]").Click();
        Assert.True(added);
    }

    [Fact]
    public async Task A_reader_gets_no_scene_tools()
    {
        await using var context = MudTestContext.Create();
        var nav = context.Render<SceneNavigator>(p => p.Add(n => n.Outline, Outline).Add(n => n.CanEdit, false));

        Assert.Equal(2, nav.FindAll("[data-testid=scene-nav-item]").Count);
        Assert.Empty(nav.FindAll("[data-testid=scene-add], [data-testid=scene-numbers-lock], [data-testid=scene-numbers-renumber], [data-testid=scene-delete]"));
        Assert.Equal("false", nav.FindAll("[data-testid=scene-nav-item]")[0].GetAttribute("draggable"));
    }
}
