// Each call here is short and bounded; the host (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.History;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Data.History;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.History;

namespace WritersRoom.Web.Tests.Editing;

/// <summary>Snapshots against the real database and live sessions: automatic, named, before bulk changes, restore, compare.</summary>
public sealed class HistoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";

    // Five edits make an automatic snapshot; the time rules are far away unless a test says otherwise.
    private readonly EditingTestHost host = new(
        KeyValuePair.Create("History:AutoEveryOperations", (string?)"5"),
        KeyValuePair.Create("History:CheckInterval", (string?)"00:00:00.050"),
        KeyValuePair.Create("History:KeepAutomatic", (string?)"3"));

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    private HistoryService History => host.Host.Services.GetRequiredService<HistoryService>();

    private async Task<(Guid Script, string Owner)> ScriptAsync(string fountain = Fountain)
    {
        var owner = await host.CreateUserAsync("owner");
        return (await host.ImportAsync(fountain, owner), owner);
    }

    private static async Task<(string Text, long Version)> TypeAsync(EditorConnection editor, RecordingClient client, Guid block, string text)
    {
        var current = editor.Session.Snapshot().Blocks.Single(b => b.Id == block);
        var op = EditOp.Update(block, current.Version, current.Text, text);
        await editor.SubmitAsync([op]);
        await client.WaitCommittedAsync(op.OpId);
        return (text, current.Version + 1);
    }

    private async Task<List<Snapshot>> SnapshotsAsync(Guid script)
    {
        await using var db = await host.DbAsync();
        return await db.Snapshots.AsNoTracking().Where(s => s.ScriptId == script).OrderBy(s => s.CreatedAt).ToListAsync();
    }

    private async Task<List<Snapshot>> WaitForSnapshotsAsync(Guid script, Func<List<Snapshot>, bool> done)
    {
        for (var i = 0; i < 500; i++)
        {
            var list = await SnapshotsAsync(script);
            if (done(list)) return list;
            await Task.Delay(10);
        }
        return await SnapshotsAsync(script);
    }

    private static ScriptVersion Content(Snapshot s) => ScriptVersionJson.Deserialize(s.Content);

    private static IEnumerable<string> Texts(ScriptVersion v) => v.Scenes.SelectMany(s => s.Paragraphs).Select(p => p.Text);

    [Fact]
    public async Task An_automatic_snapshot_follows_a_run_of_edits_and_holds_the_text_after_them()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var action = editor.Snapshot.Blocks[1].Id;

        for (var i = 1; i <= 4; i++) await TypeAsync(editor, client, action, $"Edward wades in {i}.");
        Assert.Empty(await SnapshotsAsync(script));
        await TypeAsync(editor, client, action, "Edward wades in 5.");

        var auto = Assert.Single(await WaitForSnapshotsAsync(script, l => l.Count > 0));
        Assert.Equal(SnapshotKind.Auto, auto.Kind);
        Assert.Contains("Edward wades in 5.", Texts(Content(auto)));
        Assert.Equal(2, auto.SceneCount);
        Assert.Contains(client.Events, e => e is HistoryChanged h && h.SnapshotId == auto.Id);
    }

    [Fact]
    public async Task An_automatic_snapshot_is_taken_when_writers_pause_and_not_again_without_edits()
    {
        await using var quiet = new EditingTestHost(
            KeyValuePair.Create("History:AutoWhenQuietFor", (string?)"00:00:00.200"),
            KeyValuePair.Create("History:CheckInterval", (string?)"00:00:00.050"));
        await quiet.InitializeAsync();
        var owner = await quiet.CreateUserAsync("owner");
        var script = await quiet.ImportAsync(Fountain, owner);
        var client = new RecordingClient();
        using var editor = await quiet.Editor.OpenAsync(script, owner, "Owner", client);
        await TypeAsync(editor, client, editor.Snapshot.Blocks[1].Id, "One edit, then a pause.");

        for (var i = 0; i < 500 && !client.Events.Any(e => e is HistoryChanged); i++) await Task.Delay(10);
        await Task.Delay(500); // several more checks, with nothing new to save
        await using var db = await quiet.DbAsync();
        var auto = Assert.Single(await db.Snapshots.Where(s => s.ScriptId == script).ToListAsync());
        Assert.Contains("One edit, then a pause.", Texts(Content(auto)));
    }

    [Fact]
    public async Task Automatic_snapshots_beyond_the_limit_are_dropped_and_named_ones_kept()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var named = await History.CreateNamedAsync(owner, script, "First draft");
        var action = editor.Snapshot.Blocks[1].Id;
        for (var i = 0; i < 25; i++) await TypeAsync(editor, client, action, $"Take {i}.");

        var list = await WaitForSnapshotsAsync(script, l => l.Any(s => Texts(Content(s)).Contains("Take 24.")));
        Assert.Equal(3, list.Count(s => s.Kind == SnapshotKind.Auto));
        Assert.Contains(list, s => s.Id == named && s.Name == "First draft");
    }

    [Fact]
    public async Task A_named_version_is_listed_with_its_author_and_only_writers_may_save_one()
    {
        var (script, owner) = await ScriptAsync();
        var commenter = await host.CreateUserAsync("commenter");
        await host.AddMemberAsync(script, commenter, ScriptRole.Commenter);

        var id = await History.CreateNamedAsync(owner, script, "  Table read  ");
        await Assert.ThrowsAsync<RequestRejectedException>(() => History.CreateNamedAsync(commenter, script, "Mine"));
        await Assert.ThrowsAsync<RequestRejectedException>(() => History.CreateNamedAsync(owner, script, " "));

        var listed = Assert.Single(await History.ListAsync(commenter, script));
        Assert.Equal(id, listed.Id);
        Assert.Equal("Table read", listed.Name);
        Assert.Equal(SnapshotKind.Named, listed.Kind);
        Assert.Equal("owner", listed.CreatedByName);
    }

    [Fact]
    public async Task A_restore_reaches_every_attached_writer_is_stored_and_can_itself_be_undone()
    {
        var (script, owner) = await ScriptAsync();
        var writer = await host.CreateUserAsync("writer");
        await host.AddMemberAsync(script, writer, ScriptRole.Writer);
        var ownerClient = new RecordingClient();
        var otherClient = new RecordingClient();
        using var ownerEditor = await host.Editor.OpenAsync(script, owner, "Owner", ownerClient);
        using var otherEditor = await host.Editor.OpenAsync(script, writer, "Writer", otherClient);
        var action = ownerEditor.Snapshot.Blocks[1].Id;
        var saved = await History.CreateNamedAsync(owner, script, "Before the rewrite");
        await TypeAsync(ownerEditor, ownerClient, action, "Edward dives in.");
        var added = EditOp.Insert(Guid.NewGuid(), action, Core.Screenplay.ElementType.Action, "He swims away.");
        await ownerEditor.SubmitAsync([added]);
        await ownerClient.WaitCommittedAsync(added.OpId);
        var updatesBefore = otherClient.Updates.Count;

        var before = await History.RestoreAsync(owner, script, saved);

        // The other writer got the whole script again, with the old text at a newer version than it knew.
        var resync = otherClient.Updates.Skip(updatesBefore).Select(u => u.Update).Single(u => u.Resync);
        var restored = resync.Blocks.Single(b => b.Id == action);
        Assert.Equal("Edward wades in.", restored.Text);
        Assert.DoesNotContain(resync.Blocks, b => b.Id == added.BlockId);
        Assert.Equal(["INT. RIVER - DAY", "Edward wades in.", "WILL", "Dad?", "EXT. ROAD - NIGHT", "A car passes."],
            otherEditor.Session.Paragraphs().Select(p => p.Text));
        // Stored: what a reload or another instance reads.
        for (var i = 0; i < 500 && ownerEditor.Session.HasPendingWrites; i++) await Task.Delay(10);
        Assert.Equal(["INT. RIVER - DAY", "Edward wades in.", "WILL", "Dad?", "EXT. ROAD - NIGHT", "A car passes."],
            (await host.StoredParagraphsAsync(script)).Select(p => p.Text));

        // The script as it was before the restore is a snapshot of its own: restoring it undoes the restore.
        var undo = Assert.Single(await SnapshotsAsync(script), s => s.Id == before);
        Assert.Equal(SnapshotKind.BeforeRestore, undo.Kind);
        Assert.Equal("Before restoring “Before the rewrite”", undo.Name);
        await History.RestoreAsync(writer, script, before);
        Assert.Contains("Edward dives in.", otherEditor.Session.Paragraphs().Select(p => p.Text));
        Assert.Contains("He swims away.", otherEditor.Session.Paragraphs().Select(p => p.Text));
    }

    [Fact]
    public async Task An_edit_made_against_the_text_before_a_restore_is_merged_into_the_restored_text()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var action = editor.Snapshot.Blocks[1];
        var saved = await History.CreateNamedAsync(owner, script, "Start");
        await TypeAsync(editor, client, action.Id, "Edward wades in slowly.");
        var late = editor.Session.Snapshot().Blocks.Single(b => b.Id == action.Id);

        await History.RestoreAsync(owner, script, saved);
        // Typed before the writer's editor heard of the restore: its base is the pre-restore text.
        var op = EditOp.Update(action.Id, late.Version, late.Text, "Big Edward wades in slowly.");
        await editor.SubmitAsync([op]);
        await client.WaitCommittedAsync(op.OpId);

        Assert.Equal("Big Edward wades in.", editor.Session.Paragraphs().Single(p => p.Id == action.Id).Text);
    }

    [Fact]
    public async Task Only_writers_restore_and_a_snapshot_of_another_script_is_not_found()
    {
        var (script, owner) = await ScriptAsync();
        var (other, otherOwner) = await ScriptAsync();
        var reader = await host.CreateUserAsync("reader");
        await host.AddMemberAsync(script, reader, ScriptRole.Reader);
        var mine = await History.CreateNamedAsync(owner, script, "Mine");
        var theirs = await History.CreateNamedAsync(otherOwner, other, "Theirs");

        await Assert.ThrowsAsync<RequestRejectedException>(() => History.RestoreAsync(reader, script, mine));
        var forged = await Assert.ThrowsAsync<RequestRejectedException>(() => History.RestoreAsync(owner, script, theirs));
        Assert.Contains("not in this script", forged.Message);
        await Assert.ThrowsAsync<RequestRejectedException>(() => History.CompareAsync(owner, script, theirs, null));
        await Assert.ThrowsAsync<Web.Scripts.ScriptNotFoundException>(() => History.ListAsync(owner, other));
        Assert.DoesNotContain(await SnapshotsAsync(script), s => s.Kind == SnapshotKind.BeforeRestore);
    }

    [Fact]
    public async Task Deleting_a_scene_takes_a_snapshot_that_still_holds_it()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var road = editor.Session.Outline().Single(s => s.Heading == "EXT. ROAD - NIGHT");

        var op = EditOp.DeleteSceneOp(road.Id);
        await editor.SubmitAsync([op]);
        await client.WaitCommittedAsync(op.OpId);

        var before = Assert.Single(await WaitForSnapshotsAsync(script, l => l.Count > 0));
        Assert.Equal(SnapshotKind.BeforeBulkChange, before.Kind);
        Assert.Equal("Before deleting “EXT. ROAD - NIGHT”", before.Name);
        Assert.Contains("A car passes.", Texts(Content(before)));
        Assert.DoesNotContain("A car passes.", editor.Session.Paragraphs().Select(p => p.Text));
    }

    [Fact]
    public async Task Importing_over_a_script_keeps_the_old_one_as_a_snapshot()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var incoming = ScriptVersion.FromScreenplay(FountainParser.Parse("EXT. SWAMP - DAY\n\nA witch watches.\n"));

        var before = await History.ReplaceAsync(owner, script, incoming, "Before importing swamp.fountain");

        Assert.Equal(["EXT. SWAMP - DAY", "A witch watches."], editor.Session.Paragraphs().Select(p => p.Text));
        var kept = Assert.Single(await SnapshotsAsync(script), s => s.Id == before);
        Assert.Equal(SnapshotKind.BeforeBulkChange, kept.Kind);
        Assert.Contains("Edward wades in.", Texts(Content(kept)));
    }

    [Fact]
    public async Task A_snapshot_keeps_what_an_fdx_import_kept_and_a_restore_exports_the_file_as_imported_again()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportFdxAsync(TestSupport.FdxSamples.UnmodelledBytes, owner);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var saved = await History.CreateNamedAsync(owner, script, "As imported");
        var kept = Content(Assert.Single(await SnapshotsAsync(script))).Scenes.SelectMany(s => s.Paragraphs).ToList();
        Assert.Equal("Shot", kept.Single(p => p.Text == "ANGLE ON THE DOOR").Extras?.Get("fdx.type"));
        Assert.Equal("12", kept.Single(p => p.Text == "Mara waits by the door.").Extras?.Get("fdx.@SpaceBefore"));

        // Writers change the shot into a character and retype the indented action: the export loses the shot.
        var blocks = editor.Snapshot.Blocks;
        var shot = blocks.Single(b => b.Text == "ANGLE ON THE DOOR");
        var indented = blocks.Single(b => b.Text == "Mara waits by the door.");
        EditOp[] ops =
        [
            EditOp.SetTypeOf(shot.Id, Core.Screenplay.ElementType.Character),
            EditOp.SetTypeOf(indented.Id, Core.Screenplay.ElementType.Transition),
            EditOp.Update(indented.Id, indented.Version, indented.Text, "CUT TO:"),
        ];
        await editor.SubmitAsync(ops);
        foreach (var op in ops) await client.WaitCommittedAsync(op.OpId);
        Assert.DoesNotContain("<Paragraph Type=\"Shot\"", await host.ExportedFdxAsync(script));

        await History.RestoreAsync(owner, script, saved);
        for (var i = 0; i < 500 && editor.Session.HasPendingWrites; i++) await Task.Delay(10);

        var direct = Core.Fdx.FdxWriter.Write(Core.Fdx.FdxReader.Read(TestSupport.FdxSamples.UnmodelledBytes).Screenplay);
        Assert.Equal(direct, await host.ExportedFdxAsync(script));
    }

    [Fact]
    public async Task Comparing_a_version_with_the_current_script_shows_scenes_added_removed_and_changed_paragraph_by_paragraph()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var saved = await History.CreateNamedAsync(owner, script, "Draft 1");
        var blocks = editor.Snapshot.Blocks;
        var river = editor.Session.Outline().Single(s => s.Heading == "INT. RIVER - DAY");
        var road = editor.Session.Outline().Single(s => s.Heading == "EXT. ROAD - NIGHT");
        await TypeAsync(editor, client, blocks[1].Id, "Edward wades into the river.");
        var swamp = Guid.NewGuid();
        var ops = new[]
        {
            EditOp.Insert(swamp, blocks[^1].Id, Core.Screenplay.ElementType.SceneHeading, "EXT. SWAMP - DAY"),
            EditOp.Insert(Guid.NewGuid(), swamp, Core.Screenplay.ElementType.Action, "A witch watches."),
            EditOp.DeleteSceneOp(road.Id),
        };
        await editor.SubmitAsync(ops);
        await client.WaitCommittedAsync(ops[^1].OpId);

        var result = await History.CompareAsync(owner, script, saved, null);

        Assert.Equal("Draft 1", result.OlderLabel);
        Assert.Equal("Current script", result.NewerLabel);
        var c = result.Comparison;
        Assert.Equal((1, 1, 1), (c.Added, c.Removed, c.Changed));
        var changed = Assert.Single(c.Scenes, s => s.Kind == ChangeKind.Changed);
        Assert.Equal("INT. RIVER - DAY", changed.Heading);
        var paragraph = Assert.Single(changed.Paragraphs, p => p.Kind == ChangeKind.Changed);
        Assert.Equal(("Edward wades in.", "Edward wades into the river."), (paragraph.OldText, paragraph.NewText));
        Assert.Contains(paragraph.Spans, s => s.Kind == SpanKind.Inserted && s.Text.Contains("to the river"));
        Assert.Equal("EXT. SWAMP - DAY", Assert.Single(c.Scenes, s => s.Kind == ChangeKind.Added).Heading);
        Assert.Equal("EXT. ROAD - NIGHT", Assert.Single(c.Scenes, s => s.Kind == ChangeKind.Removed).Heading);
        Assert.NotEqual(river.Id, swamp);

        // Two snapshots, picked newest first: still older on the left.
        var later = await History.CreateNamedAsync(owner, script, "Draft 2");
        var pair = await History.CompareAsync(owner, script, later, saved);
        Assert.Equal(("Draft 1", "Draft 2"), (pair.OlderLabel, pair.NewerLabel));
        Assert.Equal((1, 1, 1), (pair.Comparison.Added, pair.Comparison.Removed, pair.Comparison.Changed));
    }

    [Fact]
    public async Task Big_Fish_is_copied_compared_and_restored_whole()
    {
        var (script, owner) = await ScriptAsync(File.ReadAllText(TestSupport.TestEnvironment.Fixture("big-fish.fountain")));
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var original = editor.Session.Paragraphs().Select(p => p.Text).ToList();

        var copy = Median(() => editor.Session.Copy());
        var json = "";
        var serialize = Median(() => json = ScriptVersionJson.Serialize(editor.Session.Copy()));
        var saved = await History.CreateNamedAsync(owner, script, "Big Fish as imported");
        var outline = editor.Session.Outline().Where(s => s.Heading.Length > 0).ToList();
        var target = editor.Snapshot.Blocks.First(b => b.Type == "action");
        await TypeAsync(editor, client, target.Id, target.Text + " And then some.");
        var delete = EditOp.DeleteSceneOp(outline[100].Id);
        await editor.SubmitAsync([delete]);
        await client.WaitCommittedAsync(delete.OpId);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = (await History.CompareAsync(owner, script, saved, null)).Comparison;
        var compare = watch.Elapsed;
        Assert.Equal((0, 1, 1), (result.Added, result.Removed, result.Changed));
        Assert.Equal(outline[100].Heading, Assert.Single(result.Scenes, s => s.Kind == ChangeKind.Removed).Heading);

        watch.Restart();
        await History.RestoreAsync(owner, script, saved);
        var restore = watch.Elapsed;
        Assert.Equal(original, editor.Session.Paragraphs().Select(p => p.Text));
        output.WriteLine($"Big Fish ({original.Count} paragraphs): copy under the lock {copy.TotalMilliseconds:F2} ms, "
            + $"serialise {serialize.TotalMilliseconds:F1} ms ({json.Length / 1024} KB), compare {compare.TotalMilliseconds:F0} ms, "
            + $"restore incl. the snapshot before it {restore.TotalMilliseconds:F0} ms");
    }

    private static TimeSpan Median(Action action)
    {
        var times = Enumerable.Range(0, 7).Select(_ =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            action();
            return watch.Elapsed;
        }).Order().ToList();
        return times[times.Count / 2];
    }
}
