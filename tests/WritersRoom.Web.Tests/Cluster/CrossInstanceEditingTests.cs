// Each call here is short and bounded; the cluster (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using System.Diagnostics;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Fdx;
using WritersRoom.TestSupport;
using WritersRoom.Web.Cluster;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Tests.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>
/// Two instances on one database and one Redis, driven through the service the circuits use (<see cref="EditorService"/>):
/// writers on different instances see each other's edits and presence, concurrent edits of one paragraph on both
/// merge, and a dead instance's writers vanish. The cross-instance edit latency is measured and printed, not asserted.
/// </summary>
public sealed class CrossInstanceEditingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";
    private readonly InstanceCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();
    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task Writers_on_two_instances_see_each_others_edits_and_presence()
    {
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var ann = await cluster.CreateUserAsync("Ann");
        var ben = await cluster.CreateUserAsync("Ben");
        var cat = await cluster.CreateUserAsync("Cat");
        var script = await cluster.ScriptAsync(Fountain, ann, ben, cat);

        var annClient = new RecordingClient();
        var catClient = new RecordingClient();
        var benClient = new RecordingClient();
        using var annEditor = await a.Editor.OpenAsync(script, ann, "Ann", annClient);
        using var catEditor = await a.Editor.OpenAsync(script, cat, "Cat", catClient);
        var benEditor = await b.Editor.OpenAsync(script, ben, "Ben", benClient);
        var action = annEditor.Snapshot.Blocks.First(x => x.Type == "action");
        var dialogue = annEditor.Snapshot.Blocks.First(x => x.Type == "dialogue");

        // Presence crosses: each sees the other's paragraph and caret.
        annEditor.SetPresence(action.Id, 3, PresenceColors.For(ann));
        benEditor.SetPresence(dialogue.Id, 1, PresenceColors.For(ben));
        await Eventually.TrueAsync(() => benClient.LatestPresence.Any(p => p.UserId == ann && p.BlockId == action.Id && p.Offset == 3),
            "Ben (instance B) sees Ann's caret");
        await Eventually.TrueAsync(() => annClient.LatestPresence.Any(p => p.UserId == ben && p.BlockId == dialogue.Id && p.SceneId is not null),
            "Ann (instance A) sees Ben's caret and scene");

        // Ann types; Ben (other instance) and Cat (same instance) see every keystroke. Latency from submit to arrival.
        var remote = new List<double>();
        var local = new List<double>();
        var durable = new List<double>();
        var text = action.Text;
        for (var i = 0; i < 100; i++)
        {
            var next = text + (char)('a' + i % 26);
            var op = EditOp.Update(action.Id, 0, text, next);
            var started = Stopwatch.GetTimestamp();
            await annEditor.SubmitAsync([op]);
            remote.Add(await ArrivalMsAsync(benClient, action.Id, next, started));
            local.Add(await ArrivalMsAsync(catClient, action.Id, next, started));
            await annClient.WaitCommittedAsync(op.OpId);
            durable.Add(Stopwatch.GetElapsedTime(started, annClient.CommittedAt[op.OpId]).TotalMilliseconds);
            text = next;
        }
        // Other instances get an edit after it is committed: the commit (group-commit window + transaction) is most of it.
        output.WriteLine($"edit → writer on the other instance: {Summary(remote)}");
        output.WriteLine($"edit → acknowledged (committed) on its own instance: {Summary(durable)}");
        output.WriteLine($"edit → writer on the same instance:  {Summary(local)}");

        // Ben types into another paragraph; Ann sees it.
        var benOp = EditOp.Update(dialogue.Id, 0, dialogue.Text, dialogue.Text + " Where are you?");
        var benStarted = Stopwatch.GetTimestamp();
        await benEditor.SubmitAsync([benOp]);
        await benClient.WaitCommittedAsync(benOp.OpId);
        await ArrivalMsAsync(annClient, dialogue.Id, dialogue.Text + " Where are you?", benStarted);

        // Both type into the same paragraph at once, from the same base: both changes survive, once, everywhere.
        var fromAnn = EditOp.Update(action.Id, 0, text, "[ann]" + text);
        var fromBen = EditOp.Update(action.Id, 0, text, text + "[ben]");
        await Task.WhenAll(annEditor.SubmitAsync([fromAnn]), benEditor.SubmitAsync([fromBen]));
        await annClient.WaitCommittedAsync(fromAnn.OpId);
        await benClient.WaitCommittedAsync(fromBen.OpId);
        await Eventually.TrueAsync(async () => await SameEverywhereAsync(script, a, b), "A, B and the database hold the same script");
        var merged = (await cluster.StoredParagraphsAsync(script)).Single(p => p.Id == action.Id).Text;
        Assert.Equal("[ann]" + text + "[ben]", merged);

        // Ben leaves: Ann's list drops him at once (the leave is published, not left to expire).
        benEditor.Dispose();
        await Eventually.TrueAsync(() => annClient.LatestPresence.All(p => p.UserId != ben), "Ben's presence is gone from instance A", 1);
    }

    [Fact]
    public async Task Inserts_splits_moves_and_deletes_on_one_instance_reach_the_other_in_the_same_order()
    {
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var ann = await cluster.CreateUserAsync("Ann");
        var ben = await cluster.CreateUserAsync("Ben");
        var script = await cluster.ScriptAsync(Fountain, ann, ben);
        var annClient = new RecordingClient();
        var benClient = new RecordingClient();
        using var annEditor = await a.Editor.OpenAsync(script, ann, "Ann", annClient);
        using var benEditor = await b.Editor.OpenAsync(script, ben, "Ben", benClient);
        var blocks = annEditor.Snapshot.Blocks;
        var action = blocks.First(x => x.Type == "action");
        var dialogue = blocks.First(x => x.Type == "dialogue");

        // Ann: a new paragraph after the action, another after it turned into a heading (a new scene), a deletion.
        var inserted = Guid.NewGuid();
        var heading = Guid.NewGuid();
        var ops = new[]
        {
            EditOp.Insert(inserted, action.Id, Core.Screenplay.ElementType.Action, "The fish jumps."),
            EditOp.Insert(heading, dialogue.Id, Core.Screenplay.ElementType.Action, "INT. KITCHEN - NIGHT"),
            EditOp.SetTypeOf(heading, Core.Screenplay.ElementType.SceneHeading),
            EditOp.Delete(blocks.First(x => x.Type == "character").Id),
        };
        await annEditor.SubmitAsync(ops);
        foreach (var op in ops) await annClient.WaitCommittedAsync(op.OpId);
        // Ben, on the other instance, moves the kitchen scene to the top.
        var kitchen = (await a.Registry.FindLiveAsync(script))!.Outline().Single(o => o.Heading == "INT. KITCHEN - NIGHT");
        await Eventually.TrueAsync(async () => (await b.Registry.FindLiveAsync(script))!.Outline().Any(o => o.Id == kitchen.Id),
            "B has the kitchen scene");
        var move = EditOp.Move(kitchen.Id, null);
        await benEditor.SubmitAsync([move]);
        await benClient.WaitCommittedAsync(move.OpId);

        await Eventually.TrueAsync(async () => await SameEverywhereAsync(script, a, b), "A, B and the database hold the same script");
        var onA = (await a.Registry.FindLiveAsync(script))!;
        var onB = (await b.Registry.FindLiveAsync(script))!;
        Assert.Equal(onA.Paragraphs(), onB.Paragraphs());
        Assert.Equal(onA.Outline().Select(o => (o.Id, o.Heading)), onB.Outline().Select(o => (o.Id, o.Heading)));
        Assert.Equal("INT. KITCHEN - NIGHT", onB.Outline().First(o => o.Heading != "").Heading);
        Assert.Contains(onB.Paragraphs(), p => p.Id == inserted && p.Text == "The fish jumps.");
    }

    [Fact]
    public async Task A_comment_and_revision_mode_on_one_instance_reach_the_writers_on_the_other()
    {
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var ann = await cluster.CreateUserAsync("Ann");
        var ben = await cluster.CreateUserAsync("Ben");
        var script = await cluster.ScriptAsync(Fountain, ann, ben);
        using var annEditor = await a.Editor.OpenAsync(script, ann, "Ann", new RecordingClient());
        var benClient = new RecordingClient();
        using var benEditor = await b.Editor.OpenAsync(script, ben, "Ben", benClient);
        var action = benEditor.Snapshot.Blocks.First(x => x.Type == "action");

        var thread = await a.Services.GetRequiredService<WritersRoom.Web.Editing.Comments.CommentService>()
            .AddAsync(ann, script, action.Id, "Too long?");
        await Eventually.TrueAsync(() => benClient.Events.OfType<CommentThreadChanged>()
            .Any(e => e.ThreadId == thread.Id && e.Thread!.Comments.Single().Text == "Too long?"), "Ben (instance B) sees Ann's comment thread");

        var (_, color) = await a.Services.GetRequiredService<WritersRoom.Web.Editing.Revisions.RevisionService>().SetAsync(ann, script, true, null);
        await Eventually.TrueAsync(() => benClient.Events.OfType<RevisionChanged>().Any(e => e.On && e.Color == color),
            "Ben's editor hears revision mode switched on");
        // Ben's edits on instance B are now marked in the revision colour.
        var op = EditOp.Update(action.Id, 0, action.Text, action.Text + " Revised.");
        await benEditor.SubmitAsync([op]);
        await benClient.WaitCommittedAsync(op.OpId);
        await using var db = await cluster.Database.Factory.CreateDbContextAsync();
        Assert.Equal(color, db.Blocks.Single(x => x.Id == action.Id).RevisionColor);
    }

    [Fact]
    public async Task A_paragraph_edited_on_one_instance_and_then_the_other_keeps_what_its_fdx_import_kept()
    {
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var ann = await cluster.CreateUserAsync("Ann");
        var ben = await cluster.CreateUserAsync("Ben");
        var script = await cluster.ScriptAsync(FdxReader.Read(FdxSamples.UnmodelledBytes).Screenplay, ann, ben);
        var annClient = new RecordingClient();
        var benClient = new RecordingClient();
        using var annEditor = await a.Editor.OpenAsync(script, ann, "Ann", annClient);
        using var benEditor = await b.Editor.OpenAsync(script, ben, "Ben", benClient);
        var shot = annEditor.Snapshot.Blocks.Single(x => x.Text == "ANGLE ON THE DOOR");

        // Instance B takes Ann's row as it arrives over Redis, then writes Ben's edit of the same paragraph from it.
        var fromAnn = EditOp.Update(shot.Id, shot.Version, shot.Text, "ANGLE ON THE OPEN DOOR");
        var started = Stopwatch.GetTimestamp();
        await annEditor.SubmitAsync([fromAnn]);
        await annClient.WaitCommittedAsync(fromAnn.OpId);
        await ArrivalMsAsync(benClient, shot.Id, "ANGLE ON THE OPEN DOOR", started);
        var fromBen = EditOp.Update(shot.Id, 0, "ANGLE ON THE OPEN DOOR", "CLOSE ON THE OPEN DOOR");
        await benEditor.SubmitAsync([fromBen]);
        await benClient.WaitCommittedAsync(fromBen.OpId);

        await using var db = await cluster.Database.Factory.CreateDbContextAsync();
        var stored = db.Blocks.Single(x => x.Id == shot.Id);
        Assert.Equal("CLOSE ON THE OPEN DOOR", stored.Text);
        Assert.Equal("Shot", stored.Extras?.Get("fdx.type"));
    }

    [Fact]
    public async Task The_writers_of_an_instance_that_stops_repeating_them_vanish_after_the_expiry()
    {
        var a = await cluster.StartAsync();
        var c = await cluster.StartAsync();
        var ann = await cluster.CreateUserAsync("Ann");
        var script = await cluster.ScriptAsync(Fountain, ann);
        var annClient = new RecordingClient();
        using var annEditor = await a.Editor.OpenAsync(script, ann, "Ann", annClient);

        // Instance C announces a writer once and then never again, as an instance killed mid-session would.
        var ghost = new PresenceEntry("ghost", "Ghost", "#000000", null, annEditor.Snapshot.Blocks[0].Id, 0);
        c.Services.GetRequiredService<RedisEditingOutbox>().PresenceChanged(script, [ghost]);
        await Eventually.TrueAsync(() => annClient.LatestPresence.Any(p => p.UserId == "ghost"), "A shows C's writer");
        var shown = Stopwatch.GetTimestamp();
        await Eventually.TrueAsync(() => annClient.LatestPresence.All(p => p.UserId != "ghost"), "C's writer vanishes from A", 5);
        output.WriteLine($"a silent instance's writer vanished after {Stopwatch.GetElapsedTime(shown).TotalSeconds:F1} s (expiry 1.5 s)");
    }

    private async Task<bool> SameEverywhereAsync(Guid script, Instance a, Instance b)
    {
        if (await a.Registry.FindLiveAsync(script) is not { HasPendingWrites: false } onA
            || await b.Registry.FindLiveAsync(script) is not { HasPendingWrites: false } onB) return false;
        var textsA = onA.Paragraphs().Select(p => (p.Id, p.Text)).ToList();
        var textsB = onB.Paragraphs().Select(p => (p.Id, p.Text)).ToList();
        var stored = await cluster.StoredParagraphsAsync(script);
        return textsA.SequenceEqual(textsB) && textsA.SequenceEqual(stored);
    }

    /// <summary>Milliseconds from <paramref name="started"/> until the editor was sent <paramref name="text"/> for the paragraph.</summary>
    private static async Task<double> ArrivalMsAsync(RecordingClient client, Guid blockId, string text, long started)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (update, at) in client.Updates)
                if (at >= started && update.Blocks.Any(x => x.Id == blockId && x.Text == text))
                    return Stopwatch.GetElapsedTime(started, at).TotalMilliseconds;
            await Task.Delay(1);
        }
        Assert.Fail($"The editor never received \"{text}\"");
        return 0;
    }

    private static string Summary(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        double P(double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)];
        return $"n={sorted.Count} p50={P(0.50):F1} ms p95={P(0.95):F1} ms p99={P(0.99):F1} ms max={sorted[^1]:F1} ms";
    }
}
