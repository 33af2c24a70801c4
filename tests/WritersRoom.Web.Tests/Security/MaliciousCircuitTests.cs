// Each call here is short and bounded; the host (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WritersRoom.Core.Editing;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Security.Circuits;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Security;

/// <summary>
/// A hostile browser, through the methods its interop calls reach (<see cref="EditorConnection"/>'s browser entry points,
/// which ScriptEditor's [JSInvokable] methods forward to as they are): forged ids, malformed payloads, oversize edits and
/// floods. Each is refused with a reason, logged with the user, changes nothing, and ends the circuit where the policy says.
/// </summary>
public sealed class MaliciousCircuitTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";
    private const string NotHere = "That paragraph or scene is not in this script.";
    private readonly EditingTestHost host = new();

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    private sealed record Room(string Owner, Guid Mine, Guid Theirs, List<(Guid Id, string Text)> TheirParagraphs);

    private async Task<Room> RoomAsync()
    {
        var owner = await host.CreateUserAsync("owner");
        var mine = await host.ImportAsync(Fountain, owner);
        var theirs = await host.ImportAsync(Fountain, await host.CreateUserAsync("other"));
        return new Room(owner, mine, theirs, await host.StoredParagraphsAsync(theirs));
    }

    /// <summary>A circuit's guard as the app makes one, and what ended it (completed by its terminator, as CircuitGuardian is).</summary>
    private (CircuitGuard Guard, Task<CircuitEndedException> Ended) Guard(int maxRefusals = 20)
    {
        var guard = new CircuitGuard(Options.Create(new CircuitGuardOptions { MaxRefusals = maxRefusals }),
            host.Host.Services.GetRequiredService<ILogger<CircuitGuard>>()) { CircuitId = "test-circuit" };
        var ended = new TaskCompletionSource<CircuitEndedException>(TaskCreationOptions.RunContinuationsAsynchronously);
        guard.OnEnd(e => ended.TrySetResult(e));
        return (guard, ended.Task);
    }

    private static ClientOp Update(Guid block, string from, string to, long version = 0) =>
        new(Guid.NewGuid(), "UpdateText", block, version, from, to, null, null, null, null);

    private int SecurityEvents(string user) =>
        host.Logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Security event", StringComparison.Ordinal) && e.Message.Contains(user, StringComparison.Ordinal));

    [Fact]
    public async Task An_edit_naming_another_scripts_paragraph_is_refused_whole_logged_as_a_security_event_and_ends_the_circuit()
    {
        var room = await RoomAsync();
        var (guard, ended) = Guard();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", client, guard: guard);
        var mine = editor.Snapshot.Blocks[1];
        var before = editor.Session.Paragraphs();

        await editor.SubmitFromBrowserAsync([Update(mine.Id, mine.Text, "Edward swims."), Update(room.TheirParagraphs[1].Id, room.TheirParagraphs[1].Text, "Hijacked.")], false);

        Assert.Equal([NotHere, NotHere], client.Rejected.Select(r => r.Reason));
        Assert.Equal(before, editor.Session.Paragraphs());
        Assert.Equal(room.TheirParagraphs, await host.StoredParagraphsAsync(room.Theirs));
        Assert.Equal(1, SecurityEvents(room.Owner));
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains(room.TheirParagraphs[1].Id.ToString(), StringComparison.Ordinal));
        Assert.Contains("another script", (await ended.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
        Assert.Contains(host.Logs.Entries, e => e.Message.StartsWith("Ending circuit test-circuit of user " + room.Owner, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scene_move_naming_another_scripts_scenes_ends_the_circuit_too()
    {
        var room = await RoomAsync();
        var (guard, ended) = Guard();
        await using var db = await host.DbAsync();
        var theirScene = db.Scenes.Where(s => s.ScriptId == room.Theirs).Select(s => s.Id).First();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", new RecordingClient(), guard: guard);

        await editor.SubmitAsync([EditOp.Move(editor.Session.Outline()[1].Id, theirScene)]);

        await ended.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, SecurityEvents(room.Owner));
    }

    [Fact]
    public async Task A_made_up_id_is_refused_without_a_security_event_since_a_paragraph_may_have_been_deleted_meanwhile()
    {
        var room = await RoomAsync();
        var (guard, _) = Guard();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", client, guard: guard);

        await editor.SubmitFromBrowserAsync([Update(Guid.NewGuid(), "a", "b")], false);

        Assert.Contains("not in this script", Assert.Single(client.Rejected).Reason);
        Assert.Equal(0, SecurityEvents(room.Owner));
        Assert.False(guard.Ended);
    }

    [Fact]
    public async Task A_paste_from_another_script_keeps_that_scripts_paragraph_ids_and_is_no_security_event()
    {
        var room = await RoomAsync();
        var (guard, _) = Guard();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", client, guard: guard);
        var pasted = room.TheirParagraphs[1].Id;

        var follow = Update(pasted, "Pasted.", "Pasted, then typed.");
        await editor.SubmitFromBrowserAsync([new(Guid.NewGuid(), "InsertBlock", pasted, 0, null, "Pasted.", "action", editor.Snapshot.Blocks[1].Id, null, null), follow], false);
        await client.WaitCommittedAsync(follow.OpId);

        Assert.Empty(client.Rejected);
        Assert.False(guard.Ended);
        Assert.Equal(0, SecurityEvents(room.Owner));
        Assert.Contains(await host.StoredParagraphsAsync(room.Mine), p => p.Text == "Pasted, then typed.");
        Assert.Equal(room.TheirParagraphs, await host.StoredParagraphsAsync(room.Theirs));
    }

    [Fact]
    public async Task A_resend_drops_only_the_operations_naming_another_script_and_keeps_the_circuit()
    {
        var room = await RoomAsync();
        var (guard, _) = Guard();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", client, guard: guard);
        var mine = editor.Snapshot.Blocks[1];
        var honest = Update(mine.Id, mine.Text, "Edward swims.");
        var forged = Update(room.TheirParagraphs[1].Id, room.TheirParagraphs[1].Text, "Hijacked.");

        await editor.SubmitFromBrowserAsync([honest, forged], resend: true);
        await client.WaitCommittedAsync(honest.OpId);

        Assert.Equal(forged.OpId, Assert.Single(client.Rejected).OpId);
        Assert.Equal(1, SecurityEvents(room.Owner));
        Assert.False(guard.Ended);
        Assert.Contains(await host.StoredParagraphsAsync(room.Mine), p => p.Text == "Edward swims.");
        Assert.Equal(room.TheirParagraphs, await host.StoredParagraphsAsync(room.Theirs));
    }

    [Fact]
    public async Task A_caret_on_another_scripts_paragraph_is_not_shown_to_other_writers_and_ends_the_circuit()
    {
        var room = await RoomAsync();
        var colleague = await host.CreateUserAsync("colleague");
        await host.AddMemberAsync(room.Mine, colleague, WritersRoom.Core.Scripts.ScriptRole.Writer);
        var watcher = new RecordingClient();
        using var other = await host.Editor.OpenAsync(room.Mine, colleague, "Colleague", watcher);
        var (guard, ended) = Guard();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", new RecordingClient(), guard: guard);

        await editor.SetPresenceFromBrowserAsync(room.TheirParagraphs[1].Id, 3, "#123456");

        await ended.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, SecurityEvents(room.Owner));
        Assert.DoesNotContain(editor.Session.Presence(), p => p.BlockId == room.TheirParagraphs[1].Id);
        Assert.DoesNotContain(watcher.LatestPresence, p => p.BlockId == room.TheirParagraphs[1].Id);
    }

    [Fact]
    public async Task A_comment_marker_is_opened_only_on_this_scripts_paragraphs_and_another_scripts_ends_the_circuit()
    {
        var room = await RoomAsync();
        var (guard, ended) = Guard();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", new RecordingClient(), guard: guard);

        Assert.True(await editor.OwnsParagraphAsync(editor.Snapshot.Blocks[1].Id, "a comment marker"));
        Assert.True(await editor.OwnsParagraphAsync(null, "a new comment"));
        Assert.False(await editor.OwnsParagraphAsync(Guid.NewGuid(), "a comment marker"));
        Assert.False(guard.Ended);
        Assert.False(await editor.OwnsParagraphAsync(room.TheirParagraphs[0].Id, "a comment marker"));

        await ended.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, SecurityEvents(room.Owner));
    }

    [Fact]
    public async Task Malformed_payloads_are_refused_with_reasons_and_past_the_limit_of_refusals_the_circuit_ends()
    {
        var room = await RoomAsync();
        var (guard, ended) = Guard(maxRefusals: 3);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", client, guard: guard);
        var block = editor.Snapshot.Blocks[1];
        var scene = editor.Session.Outline()[1].Id;
        var before = editor.Session.Paragraphs();

        await editor.SubmitFromBrowserAsync(null, false);
        await editor.SubmitFromBrowserAsync([
            null,
            new(Guid.NewGuid(), "MoveScene", Guid.Empty, 0, null, null, null, null, scene, null),
            new(Guid.NewGuid(), "NumberScenes", Guid.Empty, 0, null, null, null, null, null, null),
            Update(block.Id, block.Text, "Edward swims.", version: -5),
            new(Guid.NewGuid(), null, block.Id, 0, null, null, null, null, null, null),
        ], false);
        await editor.SetPresenceFromBrowserAsync(block.Id, -1, "#123456");

        Assert.Equal(
            ["The editor does not send that operation.", "The editor does not send that operation.",
             "An operation's base version cannot be negative.", "Unknown operation."],
            client.Rejected.Select(r => r.Reason));
        Assert.Equal(before, editor.Session.Paragraphs());
        Assert.DoesNotContain(editor.Session.Presence(), p => p.Offset < 0);
        Assert.Equal(3, host.Logs.Entries.Count(e => e.Message.StartsWith("Refused malformed input from " + room.Owner, StringComparison.Ordinal)));
        Assert.False(guard.Ended);

        await editor.SubmitFromBrowserAsync([null], false);

        Assert.Contains("4 refused requests", (await ended.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
    }

    [Fact]
    public async Task A_flood_of_caret_positions_or_whole_script_requests_is_cut_off_and_ends_the_circuit()
    {
        var room = await RoomAsync();
        var (guard, ended) = Guard(maxRefusals: 5);
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", new RecordingClient(), guard: guard);
        var block = editor.Snapshot.Blocks[1];

        // Every caret goes out to every writer on the script: far more than the editor's one per 150 ms is dropped.
        for (var i = 0; i < 200 && !guard.Ended; i++) await editor.SetPresenceFromBrowserAsync(block.Id, i % 5, "#123456");
        Assert.Contains("caret positions faster than 20 a second", (await ended.WaitAsync(TimeSpan.FromSeconds(30))).Reason);

        var (snapshotGuard, snapshotEnded) = Guard(maxRefusals: 2);
        using var other = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", new RecordingClient(), guard: snapshotGuard);
        var served = 0;
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await other.SnapshotAsync();
                served++;
            }
            catch (InvalidOperationException e)
            {
                Assert.Contains("Too many requests for the whole script", e.Message);
            }
        }
        Assert.InRange(served, 5, 7);
        Assert.Contains("snapshot requests", (await snapshotEnded.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
    }

    [Fact]
    public async Task Oversize_edits_and_too_many_operations_in_one_call_are_refused_and_counted()
    {
        var room = await RoomAsync();
        var (guard, ended) = Guard(maxRefusals: 2);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", client, guard: guard);
        var block = editor.Snapshot.Blocks[1];
        var before = editor.Session.Paragraphs();

        await editor.SubmitFromBrowserAsync([Update(block.Id, block.Text, new string('x', EditLimits.MaxParagraphChars + 1))], false);
        await editor.SubmitFromBrowserAsync([Update(block.Id, new string('y', 300_000), new string('x', 300_000))], false);
        Assert.False(guard.Ended);
        await editor.SubmitFromBrowserAsync(Enumerable.Range(0, EditLimits.MaxOpsPerBatch + 1).Select(_ => Update(block.Id, "a", "b")).ToArray(), false);

        var reasons = client.Rejected.Select(r => r.Reason).Distinct().ToList();
        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("at most 100,000 characters", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("too large", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Too many changes at once", StringComparison.Ordinal));
        Assert.Equal(before, editor.Session.Paragraphs());
        Assert.Contains("3 refused requests", (await ended.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
    }

    [Fact]
    public async Task A_flood_of_edits_is_rate_limited_and_once_the_refusals_pass_the_limit_the_circuit_ends()
    {
        var room = await RoomAsync();
        var (guard, ended) = Guard(maxRefusals: 5);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(room.Mine, room.Owner, "Owner", client, guard: guard);
        var block = editor.Snapshot.Blocks[1];

        // Full batches of (no-op) edits, as fast as the test can send them: the burst goes through, then each batch is refused.
        var accepted = 0;
        for (var batch = 0; batch < 100 && !guard.Ended; batch++)
        {
            var ops = Enumerable.Range(0, EditLimits.MaxOpsPerBatch)
                .Select(_ => new ClientOp(Guid.NewGuid(), "SetType", block.Id, 0, null, null, "action", null, null, null)).ToArray();
            var refusedBefore = client.Rejected.Count;
            await editor.SubmitFromBrowserAsync(ops, false);
            if (client.Rejected.Count == refusedBefore) accepted += ops.Length;
        }

        var reason = (await ended.WaitAsync(TimeSpan.FromSeconds(30))).Reason;
        Assert.Contains("6 refused requests", reason);
        Assert.True(reason.Contains("per second", StringComparison.Ordinal), reason);
        Assert.True(accepted >= EditLimits.Burst, $"{accepted} operations went through before the refusals");
    }
}
