using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Bible;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Components.Bible;
using WritersRoom.Web.Tests.Jobs;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Bible;

public sealed class BiblePageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static BunitContext Create(TestDatabase database, string userId)
    {
        var context = PageServices.Create(database, userId);
        var services = context.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GlobalContextLoader>();
        services.AddSingleton<IScriptInvalidationBus, InProcessInvalidationBus>();
        services.AddSingleton<GlobalContextCache>();
        services.AddSingleton<CharacterSheets>();
        services.AddSingleton<OutlineEditor>();
        services.AddSingleton<BibleReader>();
        services.AddSingleton<BibleEditor>();
        return context;
    }

    /// <summary>A script with two characters whose sheets are drafts, and a drafted act with one beat linked to the first scene.</summary>
    private async Task<(string Owner, Guid Script)> SeedAsync()
    {
        var owner = await PageServices.CreateUserAsync(database);
        var scriptId = await new ScriptImporter(database.Factory).ImportAsync(JobsTestHost.SmallScript(3), "Bible page", owner);
        await using var db = await database.Factory.CreateDbContextAsync();
        var firstScene = await db.Scenes.Where(s => s.ScriptId == scriptId).OrderBy(s => s.Rank).Select(s => s.Id).FirstAsync();
        db.Characters.AddRange(
            new Character { ScriptId = scriptId, Name = "EDWARD", SceneCount = 2, LineCount = 2, FirstSceneId = firstScene, DraftSheet = "Edward tells tall tales.", DraftStatus = DraftStatus.Pending },
            new Character { ScriptId = scriptId, Name = "WILL", SceneCount = 1, LineCount = 1, DraftSheet = "Will doubts.", DraftStatus = DraftStatus.Pending });
        var act = new OutlineItem { ScriptId = scriptId, Kind = OutlineKind.Act, Rank = "1", Title = "Act I", Status = DraftStatus.Pending, AiDrafted = true };
        db.OutlineItems.AddRange(act, new OutlineItem
        {
            ScriptId = scriptId, ParentId = act.Id, Kind = OutlineKind.Beat, Rank = "2", Title = "INT. ROOM 1 - DAY",
            SceneIds = [firstScene], Status = DraftStatus.Pending, AiDrafted = true,
        });
        await db.SaveChangesAsync();
        return (owner, scriptId);
    }

    private async Task<Character> CharacterAsync(Guid scriptId, string name)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Characters.AsNoTracking().SingleAsync(c => c.ScriptId == scriptId && c.Name == name);
    }

    [Fact]
    public async Task A_writer_approves_one_draft_as_is_edits_another_before_approving_and_the_sheets_replace_the_drafts()
    {
        var (owner, scriptId) = await SeedAsync();
        await using var context = Create(database, owner);
        var page = context.Render<BiblePage>(p => p.Add(x => x.Id, scriptId));
        page.WaitForElement("[data-testid=character-list]");
        Assert.Equal(["EDWARD", "WILL"], page.FindAll("[data-testid=character-item]").Select(e => e.GetAttribute("data-name")));
        Assert.Equal(2, page.FindAll("[data-testid=character-draft]").Count);

        page.Find("[data-testid=character-item][data-name=EDWARD] [data-testid=character-approve]").Click();
        page.WaitForAssertion(() => Assert.Equal("approved", page.Find("[data-testid=character-item][data-name=EDWARD]").GetAttribute("data-status")));
        Assert.Equal("Edward tells tall tales.", page.Find("[data-testid=character-item][data-name=EDWARD] [data-testid=character-sheet]").TextContent);

        page.Find("[data-testid=character-item][data-name=WILL] [data-testid=character-edit]").Click();
        page.WaitForElement("[data-testid=character-sheet-input]").Input("Will, a journalist who doubts his father.");
        page.Find("[data-testid=character-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("approved", page.Find("[data-testid=character-item][data-name=WILL]").GetAttribute("data-status")));

        Assert.Equal(("Edward tells tall tales.", (string?)null), ((await CharacterAsync(scriptId, "EDWARD")).Sheet, (await CharacterAsync(scriptId, "EDWARD")).DraftSheet));
        Assert.Equal("Will, a journalist who doubts his father.", (await CharacterAsync(scriptId, "WILL")).Sheet);
        Assert.Empty(page.FindAll("[data-testid=character-draft]"));
    }

    [Fact]
    public async Task A_writer_rejects_a_sheet_draft_and_approves_the_outline_draft_with_its_scene_link()
    {
        var (owner, scriptId) = await SeedAsync();
        await using var context = Create(database, owner);
        var page = context.Render<BiblePage>(p => p.Add(x => x.Id, scriptId));
        page.WaitForElement("[data-testid=outline-draft]");
        Assert.Contains("scene 1", page.Find("[data-testid=outline-draft] [data-testid=outline-item][data-kind=beat]").TextContent);

        page.Find("[data-testid=character-item][data-name=WILL] [data-testid=character-reject]").Click();
        page.WaitForAssertion(() => Assert.Equal("rejected", page.Find("[data-testid=character-item][data-name=WILL]").GetAttribute("data-status")));
        page.Find("[data-testid=outline-approve]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=outline-draft]")));

        Assert.Equal(["act", "beat"], page.FindAll("[data-testid=outline] [data-testid=outline-item]").Select(e => e.GetAttribute("data-kind")));
        Assert.All(page.FindAll("[data-testid=outline-item]"), e => Assert.Equal("approved", e.GetAttribute("data-status")));
        var will = await CharacterAsync(scriptId, "WILL");
        Assert.Equal((DraftStatus.Rejected, (string?)null, (string?)null), (will.DraftStatus, will.Sheet, will.DraftSheet));
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.True(await db.OutlineItems.Where(o => o.ScriptId == scriptId).AllAsync(o => o.Status == DraftStatus.Approved, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_writer_writes_an_act_by_hand_in_the_dialog()
    {
        var (owner, scriptId) = await SeedAsync();
        await using var context = Create(database, owner);
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<BiblePage>(p => p.Add(x => x.Id, scriptId));
        page.WaitForElement("[data-testid=outline-add]");

        page.Find("[data-testid=outline-add]").Click();
        dialogs.WaitForElement("[data-testid=outline-title-input]").Input("Prologue at the river");
        dialogs.Find("[data-testid=dialog-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("Prologue at the river", page.Find("[data-testid=outline]").TextContent));
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var item = await db.OutlineItems.SingleAsync(o => o.ScriptId == scriptId && o.Title == "Prologue at the river", TestContext.Current.CancellationToken);
        Assert.Equal((OutlineKind.Act, DraftStatus.Approved, false), (item.Kind, item.Status, item.AiDrafted));
    }

    [Fact]
    public async Task A_commenter_reads_the_bible_without_any_control_and_a_stranger_gets_not_found()
    {
        var (owner, scriptId) = await SeedAsync();
        var commenter = await PageServices.CreateUserAsync(database);
        var stranger = await PageServices.CreateUserAsync(database);
        await new ScriptMembers(database.Factory).SetRoleAsync(owner, scriptId, commenter, ScriptRole.Commenter, TestContext.Current.CancellationToken);

        await using (var context = Create(database, commenter))
        {
            var page = context.Render<BiblePage>(p => p.Add(x => x.Id, scriptId));
            page.WaitForElement("[data-testid=character-list]");
            Assert.Equal(2, page.FindAll("[data-testid=character-item]").Count);
            Assert.NotEmpty(page.FindAll("[data-testid=outline-draft]"));
            Assert.Empty(page.FindAll("[data-testid=character-approve], [data-testid=character-reject], [data-testid=character-write], " +
                                     "[data-testid=outline-approve], [data-testid=outline-add], [data-testid=outline-edit], [data-testid=bible-logline-input]"));
        }

        await using (var context = Create(database, stranger))
        {
            var page = context.Render<BiblePage>(p => p.Add(x => x.Id, scriptId));
            page.WaitForElement("[data-testid=not-found]");
            Assert.DoesNotContain("EDWARD", page.Markup);
            Assert.DoesNotContain("Bible page", page.Markup);
        }
    }
}
