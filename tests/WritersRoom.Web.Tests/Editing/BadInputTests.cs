// Each call here is short and bounded; the host (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.Extensions.Logging;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Tests.Editing;

/// <summary>
/// What a broken or hostile client may send: every refusal carries a reason, is logged, and leaves both this
/// script and any other exactly as they were.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";
    private readonly EditingTestHost host = new();

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Operations_naming_another_scripts_scenes_or_unknown_ids_are_refused_logged_and_change_nothing()
    {
        var owner = await host.CreateUserAsync("owner");
        var mine = await host.ImportAsync(Fountain, owner);
        var otherOwner = await host.CreateUserAsync("other");
        var other = await host.ImportAsync(Fountain, otherOwner);
        var before = await host.StoredParagraphsAsync(other);
        using (var otherEditor = await host.Editor.OpenAsync(other, otherOwner, "Other", new RecordingClient()))
        {
            var foreignScene = otherEditor.Session.Outline()[0].Id;
            var client = new RecordingClient();
            using var editor = await host.Editor.OpenAsync(mine, owner, "Owner", client);
            var myBefore = editor.Session.Paragraphs();

            await editor.SubmitAsync([
                EditOp.Move(foreignScene, null),
                EditOp.DeleteSceneOp(foreignScene),
                EditOp.SetTypeOf(before[1].Id, ElementType.Transition),
                EditOp.Update(Guid.NewGuid(), 1, "a", "b"),
            ]);

            Assert.Equal(4, client.Rejected.Count);
            Assert.All(client.Rejected, r => Assert.Contains("not in this script", r.Reason));
            Assert.Equal(myBefore, editor.Session.Paragraphs());
            Assert.Equal(before.Select(p => p.Text), otherEditor.Session.Paragraphs().Select(p => p.Text));
        }
        // Ids of another script make the whole message forged: refused as one, and a security event naming the user.
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Refused 4 operation(s)") && e.Message.Contains("not in this script"));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Security event") && e.Message.Contains(owner));
        Assert.Equal(before, await host.StoredParagraphsAsync(other));
    }

    [Fact]
    public async Task A_paragraph_forged_with_another_scripts_id_never_overwrites_that_script()
    {
        var owner = await host.CreateUserAsync("owner");
        var mine = await host.ImportAsync(Fountain, owner);
        var other = await host.ImportAsync(Fountain, await host.CreateUserAsync("other"));
        var before = await host.StoredParagraphsAsync(other);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(mine, owner, "Owner", client);

        var forged = EditOp.Insert(before[1].Id, editor.Snapshot.Blocks[1].Id, ElementType.Action, "Hijacked.");
        var follow = EditOp.Update(before[1].Id, 0, "Hijacked.", "Hijacked again.");
        await editor.SubmitAsync([forged, follow]);
        await client.WaitCommittedAsync(follow.OpId);

        Assert.Equal(before, await host.StoredParagraphsAsync(other));
    }

    [Fact]
    public async Task Malformed_operations_from_the_browser_are_refused_with_a_reason()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var block = editor.Snapshot.Blocks[1];
        var before = editor.Session.Paragraphs();

        ClientOp[] ops =
        [
            new(Guid.NewGuid(), "Explode", block.Id, 0, null, null, null, null, null, null),
            new(Guid.NewGuid(), "SetType", block.Id, 0, null, null, "villain", null, null, null),
            new(Guid.NewGuid(), "UpdateText", block.Id, 0, null, "text without its base", null, null, null, null),
            new(Guid.Empty, "DeleteBlock", block.Id, 0, null, null, null, null, null, null),
            new(Guid.NewGuid(), "InsertBlock", Guid.Empty, 0, null, "", "action", null, null, null),
        ];
        await editor.SubmitAsync(ops.Select(o => o.ToEditOp()).ToList());

        Assert.Equal(
            ["Unknown operation.", "The operation names no element type.", "A text change needs the old and the new text.",
             "The operation has no id.", "The operation names no paragraph."],
            client.Rejected.Select(r => r.Reason));
        Assert.Equal(before, editor.Session.Paragraphs());
    }

    [Fact]
    public async Task A_ten_megabyte_paste_and_a_flood_are_refused_logged_and_what_was_accepted_is_stored_once()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var block = editor.Snapshot.Blocks[1];

        await editor.SubmitAsync([EditOp.Update(block.Id, block.Version, block.Text, new string('x', 10 * 1024 * 1024))]);
        Assert.Contains("too large", Assert.Single(client.Rejected).Reason);

        // One character per operation, far faster than anyone types: the bucket lets a burst through, then refuses.
        var text = block.Text;
        var accepted = new List<Guid>();
        var attempts = (int)EditLimits.Burst + 500;
        for (var i = 0; i < attempts; i++)
        {
            var op = EditOp.Update(block.Id, 0, text, text + "!");
            var refusedBefore = client.Rejected.Count;
            await editor.SubmitAsync([op]);
            if (client.Rejected.Count == refusedBefore) { accepted.Add(op.OpId); text += "!"; }
        }
        Assert.Contains(client.Rejected, r => r.Reason.Contains("per second"));
        Assert.InRange(accepted.Count, (int)EditLimits.Burst, attempts - 1);
        await client.WaitCommittedAsync(accepted[^1]);

        var expected = block.Text + new string('!', accepted.Count);
        Assert.Equal(expected, editor.Session.Paragraphs().Single(p => p.Id == block.Id).Text);
        Assert.Equal(expected, (await host.StoredParagraphsAsync(script)).Single(p => p.Id == block.Id).Text);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("too large"));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("per second"));
    }
}
