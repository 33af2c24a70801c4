using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Bible;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Jobs.Cast;
using WritersRoom.Web.Jobs.Outline;
using WritersRoom.Web.Jobs.Scenes;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Jobs;

public sealed class BibleDraftTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<string> OwnerOfAsync(Guid scriptId)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.ScriptMembers.Where(m => m.ScriptId == scriptId).Select(m => m.UserId).SingleAsync();
    }

    private async Task<string> MemberAsync(Guid scriptId, ScriptRole role)
    {
        var user = await JobsTestHost.CreateUserAsync(database, $"{Guid.NewGuid():N}@example.com");
        await using var db = await database.Factory.CreateDbContextAsync();
        db.ScriptMembers.Add(new ScriptMember { ScriptId = scriptId, UserId = user, Role = role });
        await db.SaveChangesAsync();
        return user;
    }

    private async Task<Character> CharacterAsync(Guid scriptId, string name)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Characters.AsNoTracking().SingleAsync(c => c.ScriptId == scriptId && c.Name == name);
    }

    [Fact]
    public async Task Main_characters_get_drafted_sheets_that_wait_for_the_writer_and_never_overwrite_an_approved_sheet()
    {
        var ct = TestContext.Current.CancellationToken;
        var parsed = FountainParser.Parse(await File.ReadAllTextAsync(TestEnvironment.Fixture("big-fish.fountain"), ct));
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        using var host = JobsTestHost.Build(database, clock);
        var scriptId = await JobsTestHost.ImportAsync(database, parsed, "big-fish-sheets");
        var owner = await OwnerOfAsync(scriptId);
        var drafter = host.Services.GetRequiredService<SheetDrafter>();
        var editor = host.Services.GetRequiredService<BibleEditor>();
        var cache = host.Services.GetRequiredService<GlobalContextCache>();
        await host.Services.GetRequiredService<CastRefresher>().RunAsync(ct);

        // The class's other tests may have left characters of their own scripts to draft too.
        Assert.True((await drafter.RunAsync(ct)).ItemsDone >= 8);
        var edward = await CharacterAsync(scriptId, "EDWARD");
        Assert.Equal((DraftStatus.Pending, (string?)null), (edward.DraftStatus, edward.Sheet));
        Assert.StartsWith("Who: EDWARD speaks", edward.DraftSheet);
        Assert.Contains("Relationships: shares scenes with", edward.DraftSheet);
        Assert.Contains("Arc so far", edward.DraftSheet);
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            Assert.Equal(8, await db.Characters.CountAsync(c => c.ScriptId == scriptId && c.DraftStatus == DraftStatus.Pending, ct));
        Assert.Empty((await cache.Get(scriptId)).Characters); // drafts are not the assistant's context
        Assert.Equal(0, (await drafter.RunAsync(ct)).ItemsDone); // nothing changed: nothing redrafted

        // The writer approves Edward's draft with an edit, and rejects Will's.
        Assert.True(await editor.ApproveSheetAsync(owner, scriptId, edward.Id, "Edward Bloom, a teller of tall tales.", ct));
        var will = await CharacterAsync(scriptId, "WILL");
        Assert.True(await editor.RejectSheetAsync(owner, scriptId, will.Id, ct));
        Assert.Contains(("EDWARD", "Edward Bloom, a teller of tall tales."), (await cache.Get(scriptId)).Characters);
        Assert.Equal((DraftStatus.Rejected, (string?)null, (string?)null), ((await CharacterAsync(scriptId, "WILL")).DraftStatus, (await CharacterAsync(scriptId, "WILL")).Sheet, (await CharacterAsync(scriptId, "WILL")).DraftSheet));
        Assert.Equal(0, (await drafter.RunAsync(ct)).ItemsDone); // a rejected draft is not made again for the same script

        // Edward's presence changes (the cast job recounted after an edit): a new draft waits beside the approved sheet.
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            await db.Characters.Where(c => c.Id == edward.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.LineCount, c => c.LineCount + 1), ct);
        Assert.Equal(1, (await drafter.RunAsync(ct)).ItemsDone);
        var redrafted = await CharacterAsync(scriptId, "EDWARD");
        Assert.Equal("Edward Bloom, a teller of tall tales.", redrafted.Sheet);
        Assert.Equal(DraftStatus.Pending, redrafted.DraftStatus);
        Assert.StartsWith("Who: EDWARD", redrafted.DraftSheet);
        Assert.Contains(("EDWARD", "Edward Bloom, a teller of tall tales."), (await cache.Get(scriptId)).Characters);

        // A rerun that lost the race (the same presence was drafted meanwhile) writes nothing.
        Assert.False(await host.Services.GetRequiredService<DraftStore>().SaveSheetDraftAsync(edward.Id, redrafted.DraftSourceHash!, "other", clock.Now, ct));
        Assert.Equal(redrafted.DraftSheet, (await CharacterAsync(scriptId, "EDWARD")).DraftSheet);
    }

    [Fact]
    public async Task Only_writers_change_the_bible_and_a_stranger_cannot_tell_the_script_exists()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = JobsTestHost.Build(database, new TestClock(DateTimeOffset.UtcNow.AddMinutes(1)));
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(2), "rights");
        var reader = await MemberAsync(scriptId, ScriptRole.Commenter);
        var stranger = await JobsTestHost.CreateUserAsync(database, $"{Guid.NewGuid():N}@example.com");
        var editor = host.Services.GetRequiredService<BibleEditor>();
        await host.Services.GetRequiredService<CastRefresher>().RunAsync(ct);
        var character = await CharacterAsync(scriptId, "EDWARD");

        await Assert.ThrowsAsync<ScriptAccessDeniedException>(() => editor.WriteSheetAsync(reader, scriptId, character.Id, "Mine now.", ct));
        await Assert.ThrowsAsync<ScriptAccessDeniedException>(() => editor.AddOutlineItemAsync(reader, scriptId, null, OutlineKind.Act, "Act I", null, [], ct));
        await Assert.ThrowsAsync<ScriptNotFoundException>(() => editor.SetLoglineAsync(stranger, scriptId, "A stranger's logline.", ct));
        Assert.Null(await host.Services.GetRequiredService<BibleReader>().LoadAsync(stranger, scriptId, ct));
        var view = await host.Services.GetRequiredService<BibleReader>().LoadAsync(reader, scriptId, ct);
        Assert.NotNull(view);
        Assert.False(view.CanEdit);

        await using var db = await database.Factory.CreateDbContextAsync(ct);
        Assert.Null((await db.Characters.SingleAsync(c => c.Id == character.Id, ct)).Sheet);
        Assert.Null((await db.Scripts.SingleAsync(s => s.Id == scriptId, ct)).Logline);
        Assert.False(await db.OutlineItems.AnyAsync(o => o.ScriptId == scriptId, ct));
    }

    [Fact]
    public async Task The_outline_is_drafted_from_the_summaries_with_beats_linked_to_scenes_and_changes_only_when_the_writer_decides()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        using var host = JobsTestHost.Build(database, clock);
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(10), "outline");
        var other = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(1), "another script");
        var owner = await OwnerOfAsync(scriptId);
        var drafter = host.Services.GetRequiredService<OutlineDrafter>();
        var editor = host.Services.GetRequiredService<BibleEditor>();
        var reader = host.Services.GetRequiredService<BibleReader>();
        var cache = host.Services.GetRequiredService<GlobalContextCache>();

        // Not summarised yet: no draft. Once every scene has its summary, the first draft comes by itself.
        await drafter.RunAsync(ct);
        Assert.Empty((await reader.LoadAsync(owner, scriptId, ct))!.OutlineDraft);
        await host.Services.GetRequiredService<SceneRefresher>().RunAsync(ct);
        Assert.True((await drafter.RunAsync(ct)).ItemsDone >= 1);

        var view = (await reader.LoadAsync(owner, scriptId, ct))!;
        Assert.Empty(view.Outline);
        Assert.Equal(["Act I", "Act II", "Act III"], view.OutlineDraft.Where(o => o.Kind == OutlineKind.Act).Select(o => o.Title));
        var beats = view.OutlineDraft.Where(o => o.Kind == OutlineKind.Beat).ToList();
        Assert.Equal(view.Scenes.Select(s => s.Id), beats.SelectMany(b => b.SceneIds)); // one beat per scene, in order
        Assert.Equal("INT. ROOM 1 - DAY", beats[0].Title);
        Assert.Contains("Something happens in room 1.", beats[0].Description);
        Assert.All(view.OutlineDraft, o => Assert.True(o.AiDrafted));
        Assert.Null((await cache.Get(scriptId)).ToPromptText()); // a draft is not context
        Assert.Equal(0, (await drafter.RunAsync(ct)).ItemsDone); // drafted once by itself; later only when asked

        Assert.True(await editor.ApproveOutlineAsync(owner, scriptId, ct));
        view = (await reader.LoadAsync(owner, scriptId, ct))!;
        Assert.Empty(view.OutlineDraft);
        Assert.Equal(beats.Count, view.Outline.Count(o => o.Kind == OutlineKind.Beat));
        Assert.Contains("- Act I", (await cache.Get(scriptId)).ToPromptText());

        // Asked for a new draft: it waits beside the approved outline; rejecting it leaves the outline as it was.
        var approved = view.Outline.Select(o => (o.Id, o.Title)).ToList();
        clock.Advance(TimeSpan.FromSeconds(1));
        await editor.RequestOutlineDraftAsync(owner, scriptId, ct);
        Assert.True((await reader.LoadAsync(owner, scriptId, ct))!.OutlineDraftRequested);
        Assert.Equal(1, (await drafter.RunAsync(ct)).ItemsDone);
        view = (await reader.LoadAsync(owner, scriptId, ct))!;
        Assert.NotEmpty(view.OutlineDraft);
        Assert.False(view.OutlineDraftRequested);
        Assert.Equal(approved, view.Outline.Select(o => (o.Id, o.Title)));
        Assert.True(await editor.RejectOutlineAsync(owner, scriptId, ct));
        view = (await reader.LoadAsync(owner, scriptId, ct))!;
        Assert.Empty(view.OutlineDraft);
        Assert.Equal(approved, view.Outline.Select(o => (o.Id, o.Title)));

        // Written by hand: an act at the end, a beat under it linked to a scene (a link to another script's scene is dropped).
        var lastScene = view.Scenes[^1].Id;
        Guid otherScene;
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            otherScene = await db.Scenes.Where(s => s.ScriptId == other).Select(s => s.Id).FirstAsync(ct);
        var epilogue = await editor.AddOutlineItemAsync(owner, scriptId, null, OutlineKind.Act, "Epilogue", null, [], ct);
        Assert.NotNull(epilogue);
        var beat = await editor.AddOutlineItemAsync(owner, scriptId, epilogue.Id, OutlineKind.Beat, "The funeral", "Everyone comes.", [lastScene, otherScene], ct);
        Assert.NotNull(beat);
        Assert.Equal([lastScene], beat.SceneIds);
        Assert.Null(await editor.AddOutlineItemAsync(owner, scriptId, beat.Id, OutlineKind.Act, "An act under a beat", null, [], ct));
        var firstAct = view.Outline.First(o => o.Kind == OutlineKind.Act);
        var sequenceInFirstAct = await editor.AddOutlineItemAsync(owner, scriptId, firstAct.Id, OutlineKind.Sequence, "Hand-written sequence", null, [], ct);
        view = (await reader.LoadAsync(owner, scriptId, ct))!;
        var order = view.Outline.Select(o => o.Title).ToList();
        Assert.Equal(["Epilogue", "The funeral"], order[^2..]);
        // A child goes at the end of its parent's subtree: after Act I's last beat, before Act II.
        Assert.Equal(order.IndexOf("Act II") - 1, order.IndexOf(sequenceInFirstAct!.Title));
        var context = (await cache.Get(scriptId)).ToPromptText();
        Assert.Contains("- Epilogue", context);
        Assert.Contains("  - The funeral: Everyone comes.", context);

        Assert.True(await editor.UpdateOutlineItemAsync(owner, scriptId, beat.Id, "The funeral by the river", "Everyone he ever met comes.", [lastScene], ct));
        Assert.Contains("The funeral by the river: Everyone he ever met comes.", (await cache.Get(scriptId)).ToPromptText());
        Assert.True(await editor.DeleteOutlineItemAsync(owner, scriptId, epilogue.Id, ct));
        Assert.DoesNotContain("funeral", (await cache.Get(scriptId)).ToPromptText());
        await Assert.ThrowsAsync<ArgumentException>(() => editor.AddOutlineItemAsync(owner, scriptId, null, OutlineKind.Act, "  ", null, [], ct));

        await editor.SetLoglineAsync(owner, scriptId, "A son learns who his father was.", ct);
        Assert.StartsWith("Logline: A son learns who his father was.", (await cache.Get(scriptId)).ToPromptText());
    }

    [Fact]
    public async Task The_assistants_tools_read_only_the_approved_outline_and_label_an_unapproved_sheet_as_a_draft()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = JobsTestHost.BuildWithChat(database, new TestClock(DateTimeOffset.UtcNow.AddMinutes(1)));
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(2), "tools");
        var owner = await OwnerOfAsync(scriptId);
        await host.Services.GetRequiredService<CastRefresher>().RunAsync(ct);
        await host.Services.GetRequiredService<SheetDrafter>().RunAsync(ct);
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            db.OutlineItems.Add(new OutlineItem { ScriptId = scriptId, Kind = OutlineKind.Act, Rank = "1", Title = "Approved act" });
            db.OutlineItems.Add(new OutlineItem { ScriptId = scriptId, Kind = OutlineKind.Act, Rank = "2", Title = "Drafted act", Status = DraftStatus.Pending, AiDrafted = true });
            await db.SaveChangesAsync(ct);
        }
        var s = host.Services;
        var tools = new WritersRoom.Web.Chat.ScriptTools(scriptId, owner, s.GetRequiredService<ScriptAccess>(), s.GetRequiredService<WritersRoom.Web.Chat.ScriptReader>(),
            s.GetRequiredService<WritersRoom.Web.Chat.SceneSearch>());

        var outline = await tools.OutlineAsync(ct);
        var drafted = await tools.CharacterSheetAsync("Edward", ct);
        await s.GetRequiredService<BibleEditor>().ApproveSheetAsync(owner, scriptId, (await CharacterAsync(scriptId, "EDWARD")).Id, "Edward, the teller.", ct);
        var approved = await tools.CharacterSheetAsync("Edward", ct);

        Assert.Contains("Approved act", outline);
        Assert.DoesNotContain("Drafted act", outline);
        Assert.Contains("Unapproved draft sheet: Who: EDWARD", drafted);
        Assert.EndsWith("Edward, the teller.", approved);
        Assert.DoesNotContain("draft", approved, StringComparison.OrdinalIgnoreCase);
    }
}
