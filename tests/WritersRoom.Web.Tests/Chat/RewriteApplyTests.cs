using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.History;
using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.Revisions;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>
/// A rewrite the model proposes through its tool, stored on the answer, then applied, undone or refused through the
/// real services: the live session, the group commit, history and revision mode, against the real database.
/// </summary>
public sealed class RewriteApplyTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Opening = "Edward wades in with the bait.";
    private const string Rewritten = "Edward wades into the river, bait held high.";
    private RewriteRoom room = null!;

    public async ValueTask InitializeAsync() => room = await RewriteRoom.StartAsync(database);

    public ValueTask DisposeAsync() => room.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Message> ProposeOpeningAsync(string? user = null) =>
        room.AskForRewriteAsync(new { scene = "1", paragraph = Opening, text = Rewritten, reason = "More vivid." }, user: user);

    private async Task<Guid> OpeningIdAsync() => (await room.ParagraphsAsync()).Single(p => p.Text == Opening).Id;

    private async Task<(EditorConnection Editor, RecordingClient Client)> OpenEditorAsync(string user)
    {
        var client = new RecordingClient();
        return (await room.Editor.OpenAsync(room.Script, user, "Co-writer", client, Ct), client);
    }

    private static async Task EditAsync(EditorConnection editor, RecordingClient client, Guid block, string text)
    {
        var current = editor.Session.Snapshot().Blocks.Single(b => b.Id == block);
        var op = EditOp.Update(block, current.Version, current.Text, text);
        await editor.SubmitAsync([op], ct: Ct);
        await client.WaitCommittedAsync(op.OpId);
    }

    [Fact]
    public async Task A_proposal_is_stored_on_the_answer_with_its_target_as_the_model_read_it_and_the_new_text()
    {
        var opening = await OpeningIdAsync();

        var message = await ProposeOpeningAsync();

        var proposal = Assert.Single(message.Proposals);
        Assert.Equal(RewriteScope.Paragraph, proposal.Scope);
        Assert.Equal(ProposalStatus.Proposed, proposal.Status);
        Assert.Equal(1, proposal.SceneOrdinal);
        Assert.Equal([(opening, ElementType.Action, Opening)], proposal.Before.Select(p => (p.Id, p.Type, p.Text)));
        Assert.Equal([(opening, ElementType.Action, Rewritten)], proposal.After.Select(p => (p.Id, p.Type, p.Text)));
        Assert.Equal("More vivid.", proposal.Reason);
        var stored = Assert.Single(await room.StoredProposalsAsync(message.Id));
        Assert.Equal((proposal.Id, proposal.SceneId, proposal.Status), (stored.Id, stored.SceneId, stored.Status));
        Assert.Equal(proposal.Before, stored.Before);
        Assert.Equal(proposal.After, stored.After);
        Assert.Contains(room.Model.ToolResults, r => r.Contains("Proposal stored for [Scene 1]", StringComparison.Ordinal));
        // Proposing changes nothing.
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Opening);
    }

    [Fact]
    public async Task A_quote_that_names_no_paragraph_stores_no_proposal_and_the_model_is_told_to_quote_exactly()
    {
        var message = await room.AskForRewriteAsync(new { scene = "1", paragraph = "A paragraph nobody wrote anywhere.", text = Rewritten, reason = "x" });

        Assert.Empty(message.Proposals);
        Assert.Contains(room.Model.ToolResults, r => r.Contains("quote the paragraph exactly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Applying_goes_through_the_live_session_after_a_snapshot_marked_ai_assisted_in_revision_mode_and_undo_restores_it()
    {
        var opening = await OpeningIdAsync();
        var writer = await room.MemberAsync("writer", ScriptRole.Writer);
        await room.Host.Services.GetRequiredService<RevisionService>().SetAsync(room.Owner, room.Script, true, "pink", Ct);
        var (watcher, heard) = await OpenEditorAsync(writer);
        using var _ = watcher;
        var message = await ProposeOpeningAsync();
        var proposal = Assert.Single(message.Proposals);

        var applied = await room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, proposal.Id, Ct);

        Assert.Equal(ProposalStatus.Applied, applied.Status);
        Assert.Equal(room.Owner, applied.DecidedBy);
        Assert.Equal(Rewritten, (await room.ParagraphsAsync()).Single(p => p.Id == opening).Text);
        // Every editor on the script hears it as an edit of that paragraph, with its marks.
        var update = heard.Updates.Select(u => u.Update).Last(u => u.Kind == "AiRewrite");
        var state = Assert.Single(update.Blocks);
        Assert.Equal((opening, Rewritten, "Pink", true), (state.Id, state.Text, state.RevisionColor, state.AiAssisted));
        var stored = (await room.StoredBlocksAsync()).Single(b => b.Id == opening);
        Assert.Equal((Rewritten, "Pink", true), (stored.Text, stored.RevisionColor, stored.AiAssisted));
        // The script as it was is in History, under a kind of its own.
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            var snapshot = await db.Snapshots.AsNoTracking().SingleAsync(s => s.Id == applied.SnapshotId, Ct);
            Assert.Equal(SnapshotKind.BeforeAiRewrite, snapshot.Kind);
            Assert.Equal(Opening, ScriptVersionJson.Deserialize(snapshot.Content).Scenes.SelectMany(s => s.Paragraphs).Single(p => p.Id == opening).Text);
        }
        Assert.Equal(ProposalStatus.Applied, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);

        var undone = await room.Rewrites.UndoAsync(room.Owner, room.Script, message.Id, proposal.Id, Ct);

        Assert.Equal(ProposalStatus.Undone, undone.Status);
        Assert.Equal(Opening, (await room.ParagraphsAsync()).Single(p => p.Id == opening).Text);
        var restored = (await room.StoredBlocksAsync()).Single(b => b.Id == opening);
        Assert.Equal((Opening, (string?)null, false), (restored.Text, restored.RevisionColor, restored.AiAssisted));
        Assert.Equal(ProposalStatus.Undone, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);
    }

    [Fact]
    public async Task A_target_a_co_writer_changed_since_the_proposal_is_refused_and_their_text_is_kept()
    {
        var opening = await OpeningIdAsync();
        var writer = await room.MemberAsync("writer", ScriptRole.Writer);
        var message = await ProposeOpeningAsync();
        var (editor, client) = await OpenEditorAsync(writer);
        using var _ = editor;
        await EditAsync(editor, client, opening, "Edward wades in with the bait, humming.");

        var refusal = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, message.Proposals[0].Id, Ct));

        Assert.Contains("changed since", refusal.Message);
        Assert.Equal("Edward wades in with the bait, humming.", (await room.ParagraphsAsync()).Single(p => p.Id == opening).Text);
        Assert.Equal(ProposalStatus.Proposed, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);
    }

    [Fact]
    public async Task Readers_and_commenters_cannot_apply_a_non_member_finds_nothing_and_a_writer_applies_only_in_a_thread_shared_with_them()
    {
        var reader = await room.MemberAsync("reader", ScriptRole.Reader);
        var commenter = await room.MemberAsync("commenter", ScriptRole.Commenter);
        var writer = await room.MemberAsync("writer", ScriptRole.Writer);
        var stranger = await TestUsers.CreateNamedAsync(database.Factory, "stranger");
        var message = await ProposeOpeningAsync();
        var id = message.Proposals[0].Id;

        foreach (var user in new[] { reader, commenter })
        {
            var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => room.Rewrites.ApplyAsync(user, room.Script, message.Id, id, Ct));
            Assert.Contains("Only the script's writers and owners", refused.Message);
            await Assert.ThrowsAsync<RequestRejectedException>(() => room.Rewrites.DismissAsync(user, room.Script, message.Id, id, Ct));
        }
        await Assert.ThrowsAsync<ScriptNotFoundException>(() => room.Rewrites.ApplyAsync(stranger, room.Script, message.Id, id, Ct));
        // The owner's thread is not the writer's to act in until it is shared with the room.
        var hidden = await Assert.ThrowsAsync<RequestRejectedException>(() => room.Rewrites.ApplyAsync(writer, room.Script, message.Id, id, Ct));
        Assert.Contains("not in this script's threads", hidden.Message);
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Opening);
        Assert.Equal(ProposalStatus.Proposed, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);

        await room.Host.Services.GetRequiredService<ChatStore>().SetSharedAsync(message.ConversationId, room.Script, room.Owner, true, Ct);
        var applied = await room.Rewrites.ApplyAsync(writer, room.Script, message.Id, id, Ct);

        Assert.Equal(ProposalStatus.Applied, applied.Status);
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Rewritten);
    }

    [Fact]
    public async Task A_proposal_naming_another_scripts_paragraphs_is_refused_and_neither_script_changes()
    {
        var other = await new ScriptImporter(database.Factory).ImportAsync(FountainParser.Parse(RewriteRoom.Fountain), "Other", room.Owner, Ct);
        var foreign = (await room.StoredBlocksAsync(other)).Single(b => b.Text == Opening);
        var message = await ProposeOpeningAsync();
        var store = room.Host.Services.GetRequiredService<ProposalStore>();
        var (proposals, stored) = (await store.FindAsync(message.Id, room.Script, room.Owner, Ct))!.Value;
        // A forged proposal: this script's scene, the other script's paragraph.
        var forged = proposals[0] with
        {
            Before = [new ProposalParagraph(foreign.Id, ElementType.Action, Opening)],
            After = [new ProposalParagraph(foreign.Id, ElementType.Action, "Forged.")],
        };
        Assert.True(await store.TrySwapAsync(message.Id, stored, [forged], Ct));

        var refusal = await Assert.ThrowsAsync<RequestRejectedException>(() => room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, forged.Id, Ct));
        // Asked through the other script's id, the message is not found there at all.
        var elsewhere = await Assert.ThrowsAsync<RequestRejectedException>(() => room.Rewrites.ApplyAsync(room.Owner, other, message.Id, forged.Id, Ct));

        Assert.Contains("deleted or moved", refusal.Message);
        Assert.Contains("not in this script's threads", elsewhere.Message);
        Assert.DoesNotContain(await room.ParagraphsAsync(), p => p.Text == "Forged.");
        Assert.Equal(Opening, (await room.StoredBlocksAsync(other)).Single(b => b.Id == foreign.Id).Text);
    }

    [Fact]
    public async Task A_whole_scene_rewrite_keeps_the_ids_of_the_paragraphs_it_rewrites_adds_new_ones_and_undo_puts_the_scene_back()
    {
        var before = await room.ParagraphsAsync();
        var scene = before.Take(4).ToList();
        var text = "INT. RIVER - DAY\n\nEdward wades in with the bait, grinning.\n\nWILL\nDad, that fish is a story.\n\nEDWARD\nEvery word of it true.\n";
        var message = await room.AskForRewriteAsync(new { scene = "1", text, reason = "Edward answers back." }, "Rewrite this scene.");
        var proposal = Assert.Single(message.Proposals);
        Assert.Equal(RewriteScope.Scene, proposal.Scope);

        await room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, proposal.Id, Ct);

        var after = await room.ParagraphsAsync();
        Assert.Equal(
            ["INT. RIVER - DAY", "Edward wades in with the bait, grinning.", "WILL", "Dad, that fish is a story.", "EDWARD", "Every word of it true.",
             "EXT. CAVE - NIGHT", "Karl the giant sulks in the dark."],
            after.Select(p => p.Text));
        Assert.Equal(scene.Select(p => p.Id), after.Take(4).Select(p => p.Id));
        Assert.Equal([ElementType.Character, ElementType.Dialogue], after.Skip(4).Take(2).Select(p => p.Type));
        var stored = (await room.StoredBlocksAsync()).ToDictionary(b => b.Id);
        // Only what the rewrite wrote is marked: the rewritten action and the two new paragraphs.
        Assert.Equal([false, true, false, false, true, true, false, false], after.Select(p => stored[p.Id].AiAssisted));

        await room.Rewrites.UndoAsync(room.Owner, room.Script, message.Id, proposal.Id, Ct);

        var undone = await room.ParagraphsAsync();
        Assert.Equal(before.Select(p => (p.Id, p.Type, p.Text)), undone.Select(p => (p.Id, p.Type, p.Text)));
        Assert.All(await room.StoredBlocksAsync(), b => Assert.False(b.AiAssisted));
        Assert.Equal(before.Count, (await room.StoredBlocksAsync()).Count);
    }

    [Fact]
    public async Task Undo_is_refused_once_the_rewritten_paragraph_was_edited_and_the_edit_is_kept()
    {
        var opening = await OpeningIdAsync();
        var message = await ProposeOpeningAsync();
        await room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, message.Proposals[0].Id, Ct);
        var (editor, client) = await OpenEditorAsync(room.Owner);
        using var _ = editor;
        await EditAsync(editor, client, opening, Rewritten + " He slips.");

        var refusal = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            room.Rewrites.UndoAsync(room.Owner, room.Script, message.Id, message.Proposals[0].Id, Ct));

        Assert.Contains("changed after the rewrite went in", refusal.Message);
        Assert.Equal(Rewritten + " He slips.", (await room.ParagraphsAsync()).Single(p => p.Id == opening).Text);
        Assert.Equal(ProposalStatus.Applied, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);
    }

    [Fact]
    public async Task A_dismissed_proposal_is_recorded_and_cannot_be_applied()
    {
        var message = await ProposeOpeningAsync();
        var id = message.Proposals[0].Id;

        var dismissed = await room.Rewrites.DismissAsync(room.Owner, room.Script, message.Id, id, Ct);
        var refusal = await Assert.ThrowsAsync<RequestRejectedException>(() => room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, id, Ct));

        Assert.Equal(ProposalStatus.Dismissed, dismissed.Status);
        Assert.Equal(ProposalStatus.Dismissed, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);
        Assert.Contains("dismissed", refusal.Message);
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Opening);
    }
}
