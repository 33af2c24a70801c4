// Each call here is short and bounded; the host (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Tests.Editing;

public sealed class SceneNumberTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nEXT. ROAD - NIGHT\n\nA car passes.\n\nINT. HOUSE - DAY\n\nQuiet.\n";
    private readonly EditingTestHost host = new();

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_unnumbered_script_shows_positions_that_follow_inserts()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);

        await editor.SubmitAsync([EditOp.Insert(Guid.NewGuid(), editor.Snapshot.Blocks[1].Id, ElementType.SceneHeading, "EXT. BANK - DAY")]);

        Assert.Equal(["1", "2", "3", "4"], editor.Session.Outline().Select(s => s.Number));
    }

    [Fact]
    public async Task Locked_numbers_survive_inserts_and_a_reload_and_new_scenes_take_letters()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var client = new RecordingClient();
        var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var afterRiver = editor.Snapshot.Blocks[1].Id;

        await editor.SubmitAsync([EditOp.Numbering(EditOpKind.NumberScenes), EditOp.Numbering(EditOpKind.LockSceneNumbers)]);
        var first = EditOp.Insert(Guid.NewGuid(), afterRiver, ElementType.SceneHeading, "EXT. BANK - DAY");
        var second = EditOp.Insert(Guid.NewGuid(), first.BlockId, ElementType.SceneHeading, "INT. VAULT - NIGHT");
        await editor.SubmitAsync([first, second]);
        // A scene typed before scene 1 (at the very top) takes a letter prefix.
        var top = EditOp.Insert(Guid.NewGuid(), null, ElementType.SceneHeading, "EXT. SKY - DAY");
        await editor.SubmitAsync([top]);
        var expected = new[] { "A1", "1", "1A", "1B", "2", "3" };
        Assert.Equal(expected, editor.Session.Outline().Select(s => s.Number));

        var renumber = EditOp.Numbering(EditOpKind.NumberScenes);
        await editor.SubmitAsync([renumber]);
        Assert.Contains("locked", Assert.Single(client.Rejected).Reason);

        await client.WaitCommittedAsync(top.OpId);
        editor.Dispose();
        await host.Registry.UnloadAsync(script);
        using var reopened = await host.Editor.OpenAsync(script, owner, "Owner", new RecordingClient());
        Assert.Equal(expected, reopened.Session.Outline().Select(s => s.Number));
        Assert.True(reopened.Session.SceneNumbersLocked);
        await using var db = await host.DbAsync();
        Assert.True(await db.Scripts.Where(s => s.Id == script).Select(s => s.SceneNumbersLocked).SingleAsync());
    }

    [Fact]
    public async Task Unlocking_allows_renumbering_from_one()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        await editor.SubmitAsync([EditOp.Numbering(EditOpKind.LockSceneNumbers)]);
        await editor.SubmitAsync([EditOp.Insert(Guid.NewGuid(), editor.Snapshot.Blocks[1].Id, ElementType.SceneHeading, "EXT. BANK - DAY")]);
        Assert.Equal(["1", "1A", "2", "3"], editor.Session.Outline().Select(s => s.Number));

        var unlock = EditOp.Numbering(EditOpKind.UnlockSceneNumbers);
        var renumber = EditOp.Numbering(EditOpKind.NumberScenes);
        await editor.SubmitAsync([unlock, renumber]);
        await client.WaitCommittedAsync(renumber.OpId);

        Assert.Empty(client.Rejected);
        Assert.Equal(["1", "2", "3", "4"], editor.Session.Outline().Select(s => s.Number));
        await using var db = await host.DbAsync();
        var stored = await db.Scenes.Where(s => s.ScriptId == script).OrderBy(s => s.Rank).Select(s => s.SceneNumber).ToListAsync();
        Assert.Equal(["1", "2", "3", "4"], stored);
        Assert.False(await db.Scripts.Where(s => s.Id == script).Select(s => s.SceneNumbersLocked).SingleAsync());
    }

    [Fact]
    public async Task Deleting_a_scene_as_the_editor_does_keeps_locked_numbers_and_leaves_the_scene_before_untouched()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        await editor.SubmitAsync([EditOp.Numbering(EditOpKind.LockSceneNumbers)]);
        var road = editor.Session.Outline()[1];
        var roadBlocks = editor.Snapshot.Blocks.SkipWhile(b => b.Id != road.FirstBlockId).Take(2).Select(b => b.Id).ToList();
        await using var before = await host.DbAsync();
        var riverRanks = await before.Blocks.Where(b => b.SceneId == editor.Session.Outline()[0].Id).OrderBy(b => b.Rank).Select(b => b.Rank).ToListAsync();

        // The editor deletes a scene's paragraphs last first, so the heading goes last and the scene with it.
        var deletes = roadBlocks.AsEnumerable().Reverse().Select(EditOp.Delete).ToList();
        await editor.SubmitAsync(deletes);
        await client.WaitCommittedAsync(deletes[^1].OpId);

        Assert.Equal(["1", "3"], editor.Session.Outline().Select(s => s.Number));
        await using var db = await host.DbAsync();
        Assert.False(await db.Scenes.AnyAsync(s => s.Id == road.Id));
        var riverAfter = await db.Blocks.Where(b => b.SceneId == editor.Session.Outline()[0].Id).OrderBy(b => b.Rank).Select(b => b.Rank).ToListAsync();
        Assert.Equal(riverRanks, riverAfter);
    }
}
