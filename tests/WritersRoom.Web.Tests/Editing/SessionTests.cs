// Each call here is short and bounded; the host (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Editing;

public sealed class SessionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";
    private readonly EditingTestHost host = new();

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    private async Task<(Guid Script, string Owner)> ScriptAsync()
    {
        var owner = await host.CreateUserAsync("owner");
        return (await host.ImportAsync(Fountain, owner), owner);
    }

    [Fact]
    public async Task An_edit_is_written_with_a_new_scene_hash_and_acked_after_commit()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var block = editor.Snapshot.Blocks[1];
        string hashBefore;
        await using (var db = await host.DbAsync())
            hashBefore = (await db.Scenes.SingleAsync(s => s.Blocks.Any(b => b.Id == block.Id))).ContentHash;

        var op = EditOp.Update(block.Id, block.Version, block.Text, block.Text + " Slowly.");
        await editor.SubmitAsync([op]);
        await client.WaitCommittedAsync(op.OpId);

        await using var check = await host.DbAsync();
        var stored = await check.Blocks.SingleAsync(b => b.Id == block.Id);
        Assert.Equal("Edward wades in. Slowly.", stored.Text);
        Assert.True(stored.Version > block.Version);
        var scene = await check.Scenes.SingleAsync(s => s.Id == stored.SceneId);
        Assert.NotEqual(hashBefore, scene.ContentHash);
        Assert.True(await check.AppliedOperations.AnyAsync(o => o.OpId == op.OpId));
    }

    [Fact]
    public async Task A_resent_operation_after_reload_is_applied_once()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var block = editor.Snapshot.Blocks[1];
        var op = EditOp.Update(block.Id, block.Version, block.Text, block.Text + " Again.");
        await editor.SubmitAsync([op]);
        await client.WaitCommittedAsync(op.OpId);
        editor.Dispose();
        await host.Registry.UnloadAsync(script);

        var again = new RecordingClient();
        using var reopened = await host.Editor.OpenAsync(script, owner, "Owner", again);
        await reopened.SubmitAsync([op], resend: true);
        await again.WaitCommittedAsync(op.OpId);
        Assert.Equal("Edward wades in. Again.", reopened.Session.Paragraphs().Single(p => p.Id == block.Id).Text);
    }

    [Fact]
    public async Task A_reader_cannot_edit_and_a_stranger_cannot_open()
    {
        var (script, _) = await ScriptAsync();
        var reader = await host.CreateUserAsync("reader");
        await host.AddMemberAsync(script, reader, ScriptRole.Reader);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, reader, "Reader", client);
        var block = editor.Snapshot.Blocks[1];
        await editor.SubmitAsync([EditOp.Update(block.Id, block.Version, block.Text, "Vandalised.")]);
        Assert.Contains("not edit", Assert.Single(client.Rejected).Reason);
        Assert.Equal(block.Text, editor.Session.Paragraphs().Single(p => p.Id == block.Id).Text);

        var stranger = await host.CreateUserAsync("stranger");
        await Assert.ThrowsAsync<ScriptNotFoundException>(() => host.Editor.OpenAsync(script, stranger, "Stranger", new RecordingClient()));
    }

    [Fact]
    public async Task Operations_on_another_scripts_paragraphs_are_refused()
    {
        var (mine, owner) = await ScriptAsync();
        var other = await host.ImportAsync(Fountain, await host.CreateUserAsync("other"));
        var foreign = (await host.StoredParagraphsAsync(other))[1];
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(mine, owner, "Owner", client);

        await editor.SubmitAsync([EditOp.Update(foreign.Id, 1, foreign.Text, "Hijacked."), EditOp.Delete(foreign.Id), EditOp.Delete(Guid.NewGuid())]);

        Assert.Equal(3, client.Rejected.Count);
        Assert.All(client.Rejected, r => Assert.Contains("not in this script", r.Reason));
        Assert.Equal(foreign.Text, (await host.StoredParagraphsAsync(other))[1].Text);
    }

    [Fact]
    public async Task A_ten_megabyte_paste_and_a_flood_are_refused_with_a_reason()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var block = editor.Snapshot.Blocks[1];

        await editor.SubmitAsync([EditOp.Update(block.Id, block.Version, block.Text, new string('x', 10 * 1024 * 1024))]);
        Assert.Contains("too large", Assert.Single(client.Rejected).Reason);

        var text = block.Text;
        for (var i = 0; i < EditLimits.Burst + 200; i++)
        {
            await editor.SubmitAsync([EditOp.Update(block.Id, 0, text, text + "!")]);
            text += "!";
        }
        Assert.Contains(client.Rejected, r => r.Reason.Contains("per second"));
        Assert.Equal(block.Text, editor.Session.Paragraphs().Single(p => p.Id == block.Id).Text.TrimEnd('!'));
    }

    [Fact]
    public async Task Typing_a_heading_mid_scene_splits_it_and_removing_it_merges_back()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var scenesBefore = editor.Session.Outline().Count;
        var after = editor.Snapshot.Blocks[1].Id;
        var heading = Guid.NewGuid();

        await editor.SubmitAsync([EditOp.Insert(heading, after, ElementType.SceneHeading, "INT. BANK - DAY")]);
        Assert.Equal(scenesBefore + 1, editor.Session.Outline().Count);
        Assert.Contains(editor.Session.Outline(), s => s.Heading == "INT. BANK - DAY");

        var op = EditOp.SetTypeOf(heading, ElementType.Action);
        await editor.SubmitAsync([op]);
        Assert.Equal(scenesBefore, editor.Session.Outline().Count);
        await client.WaitCommittedAsync(op.OpId);
        await using var db = await host.DbAsync();
        Assert.Equal(scenesBefore, await db.Scenes.CountAsync(s => s.ScriptId == script));
    }

    [Fact]
    public async Task What_an_fdx_import_kept_survives_text_edits_stays_off_a_split_half_and_goes_with_a_type_change()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportFdxAsync(FdxSamples.UnmodelledBytes, owner);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var blocks = editor.Snapshot.Blocks;
        BlockState Block(string text) => blocks.Single(b => b.Text == text);
        var heading = Block("INT. HALLWAY - NIGHT");
        var indented = Block("Mara waits by the door.");
        var shot = Block("ANGLE ON THE DOOR");
        var castList = Block("MARA, a night nurse");
        var secondHalf = Guid.NewGuid();

        // Return in the middle of the shot, as the editor sends it: the first half keeps its id, the second is new.
        EditOp[] ops =
        [
            EditOp.Update(heading.Id, heading.Version, heading.Text, "INT. LONG HALLWAY - NIGHT"),
            EditOp.Update(indented.Id, indented.Version, indented.Text, "Mara waits by the red door."),
            EditOp.Update(shot.Id, shot.Version, shot.Text, "ANGLE ON"),
            EditOp.Insert(secondHalf, shot.Id, ElementType.Action, "THE DOOR"),
            EditOp.SetTypeOf(castList.Id, ElementType.Character),
        ];
        await editor.SubmitAsync(ops);
        foreach (var op in ops) await client.WaitCommittedAsync(op.OpId);

        var exported = XDocument.Parse(await host.ExportedFdxAsync(script));
        var paragraphs = exported.Root!.Element("Content")!.Elements("Paragraph").ToList();
        XElement Paragraph(string text) => paragraphs.Single(p => string.Concat(p.Elements("Text").Select(t => t.Value)) == text);
        Assert.Equal("1 2/8", (string?)Paragraph("INT. LONG HALLWAY - NIGHT").Element("SceneProperties")?.Attribute("Length"));
        var edited = Paragraph("Mara waits by the red door.");
        Assert.Equal(("12", "1.50"), ((string?)edited.Attribute("SpaceBefore"), (string?)edited.Attribute("LeftIndent")));
        Assert.Equal("Shot", (string?)Paragraph("ANGLE ON").Attribute("Type"));
        Assert.Equal([XName.Get("Type")], Paragraph("THE DOOR").Attributes().Select(a => a.Name));
        Assert.Equal("Action", (string?)Paragraph("THE DOOR").Attribute("Type"));
        // Final Draft gives a paragraph the new element's formatting: the kept type would have made it a cast list again.
        Assert.Equal("Character", (string?)Paragraph("MARA, a night nurse").Attribute("Type"));
        Assert.Equal("72", (string?)exported.Root.Element("PageLayout")?.Attribute("TopMargin"));

        await using var db = await host.DbAsync();
        Assert.Null((await db.Blocks.SingleAsync(b => b.Id == secondHalf)).Extras);
        Assert.Null((await db.Blocks.SingleAsync(b => b.Id == castList.Id)).Extras);
    }

    [Fact]
    public async Task Moving_a_scene_changes_one_rank()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var outline = editor.Session.Outline();
        var op = EditOp.Move(outline[1].Id, null);
        await editor.SubmitAsync([op]);
        await client.WaitCommittedAsync(op.OpId);

        Assert.Equal("EXT. ROAD - NIGHT", editor.Session.Outline()[0].Heading);
        await using var db = await host.DbAsync();
        var ranks = await db.Scenes.Where(s => s.ScriptId == script).OrderBy(s => s.Rank).Select(s => s.Id).ToListAsync();
        Assert.Equal(outline[1].Id, ranks[0]);
    }

    [Fact]
    public async Task Big_Fish_loads_once_and_later_writers_attach_in_memory()
    {
        var owner = await host.CreateUserAsync("owner");
        var fountain = await File.ReadAllTextAsync(TestEnvironment.Fixture("big-fish.fountain"));
        // A first copy warms the process (EF model, pool, JIT), so the figure is a load in a running server.
        var warm = await host.ImportAsync(fountain, owner);
        using (var warmed = await host.Editor.OpenAsync(warm, owner, "Owner", new RecordingClient()))
        {
            warmed.Session.Outline();
            warmed.Session.TypeAhead();
        }
        var script = await host.ImportAsync(fountain, owner);
        var started = Stopwatch.GetTimestamp();
        using var first = await host.Editor.OpenAsync(script, owner, "Owner", new RecordingClient());
        var load = Stopwatch.GetElapsedTime(started);

        var attaches = new List<double>();
        var watchers = new List<IDisposable>();
        for (var i = 0; i < 21; i++)
        {
            started = Stopwatch.GetTimestamp();
            var attached = await host.Registry.AttachAsync(script, new RecordingClient());
            attaches.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.Same(first.Session, attached!.Value.Session);
        }
        attaches.Sort();
        // What the editor page computes from the live session on open (navigator, numbers, type-ahead lists).
        started = Stopwatch.GetTimestamp();
        var outline = first.Session.Outline();
        var outlineTime = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        var names = first.Session.TypeAhead();
        var namesTime = Stopwatch.GetElapsedTime(started);
        Assert.True(outline.Count > 150 && names.Characters.Count > 10);
        output.WriteLine($"On open: outline {outlineTime.TotalMilliseconds:F2} ms ({outline.Count} scenes), type-ahead lists " +
            $"{namesTime.TotalMilliseconds:F2} ms ({names.Characters.Count} names, {names.Locations.Count} places)");
        output.WriteLine($"Big Fish: {first.Snapshot.Blocks.Count} paragraphs; first open {load.TotalMilliseconds:F1} ms (role check + 2 queries); " +
            $"attach median {attaches[10]:F3} ms, max {attaches[^1]:F3} ms");
        Assert.True(first.Snapshot.Blocks.Count > 1000);

        // Fan-out on one instance, session side (apply + broadcast; the circuit's push to the browser comes on top).
        var other = new RecordingClient();
        using var second = await host.Editor.OpenAsync(script, owner, "Second", other);
        var block = first.Snapshot.Blocks[5];
        var text = block.Text;
        var sent = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            sent.Add(Stopwatch.GetTimestamp());
            await first.SubmitAsync([EditOp.Update(block.Id, 0, text, text + "x")]);
            text += "x";
        }
        var arrivals = other.Updates.Select(u => u.At).ToList();
        Assert.Equal(200, arrivals.Count);
        var latencies = sent.Zip(arrivals, (s, a) => Stopwatch.GetElapsedTime(s, a).TotalMilliseconds).Order().ToList();
        output.WriteLine($"Fan-out to another writer (session side): p50 {latencies[100]:F3} ms, p95 {latencies[190]:F3} ms");
    }
}
