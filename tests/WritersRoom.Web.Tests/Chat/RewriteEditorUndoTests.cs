using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.Revisions;
using WritersRoom.Web.Editing.Rewrites;
using WritersRoom.Web.Security.Circuits;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>
/// Ctrl+Z and Ctrl+Y in the editor on an applied AI rewrite, on the server: the editor learns which proposal a change
/// applies or undoes from the session's update, and its request goes through the card's path (role, thread and the
/// paragraphs re-checked), against the real services and database.
/// </summary>
public sealed class RewriteEditorUndoTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Opening = "Edward wades in with the bait.";
    private const string Rewritten = "Edward wades into the river, bait held high.";
    private RewriteRoom room = null!;

    public async ValueTask InitializeAsync() => room = await RewriteRoom.StartAsync(database);

    public ValueTask DisposeAsync() => room.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EditorRewriteSteps Steps => room.Host.Services.GetRequiredService<EditorRewriteSteps>();

    private async Task<(Message Message, RewriteProposal Proposal)> ProposeAsync()
    {
        var message = await room.AskForRewriteAsync(new { scene = "1", paragraph = Opening, text = Rewritten, reason = "More vivid." });
        return (message, Assert.Single(message.Proposals));
    }

    private async Task<(EditorConnection Editor, RecordingClient Client)> OpenEditorAsync(string user, CircuitGuard? guard = null, Guid? script = null)
    {
        var client = new RecordingClient();
        return (await room.Editor.OpenAsync(script ?? room.Script, user, "Writer", client, Ct, guard), client);
    }

    /// <summary>A circuit's guard that ends the circuit at its first refusal, so a counted refusal shows.</summary>
    private CircuitGuard StrictGuard() =>
        new(Options.Create(new CircuitGuardOptions { MaxRefusals = 0 }), room.Host.Services.GetRequiredService<ILogger<CircuitGuard>>());

    private static EditorUpdate LastRewrite(RecordingClient client) => client.Updates.Select(u => u.Update).Last(u => u.Kind == "AiRewrite");

    [Fact]
    public async Task The_applying_writers_editor_hears_which_proposal_went_in_and_ctrl_z_restores_it_exactly_then_ctrl_y_applies_it_again()
    {
        await room.Host.Services.GetRequiredService<RevisionService>().SetAsync(room.Owner, room.Script, true, "pink", Ct);
        var (message, proposal) = await ProposeAsync();
        var (editor, heard) = await OpenEditorAsync(room.Owner);
        using var _ = editor;
        var opening = editor.Snapshot.Blocks.Single(b => b.Text == Opening).Id;

        await room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, proposal.Id, Ct);

        // The update that brings the rewrite names its proposal and who applied it: that writer's editor keeps it in its undo order.
        var applied = LastRewrite(heard);
        Assert.Equal((room.Owner, new RewriteTag(message.Id, proposal.Id, Undone: false)), (applied.By, applied.Rewrite));
        Assert.Equal((Rewritten, "Pink", true), Single(applied, opening));

        var undo = await Steps.UndoAsync(editor, message.Id, proposal.Id, ct: Ct);

        Assert.Equal(new RewriteStepResult(true), undo);
        var undone = LastRewrite(heard);
        Assert.Equal(new RewriteTag(message.Id, proposal.Id, Undone: true), undone.Rewrite);
        Assert.Equal((Opening, (string?)null, false), Single(undone, opening));
        var stored = (await room.StoredBlocksAsync()).Single(b => b.Id == opening);
        Assert.Equal((Opening, (string?)null, false), (stored.Text, stored.RevisionColor, stored.AiAssisted));
        Assert.Equal(ProposalStatus.Undone, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);

        var redo = await Steps.RedoAsync(editor, message.Id, proposal.Id, ct: Ct);

        Assert.Equal(new RewriteStepResult(true), redo);
        Assert.Equal(new RewriteTag(message.Id, proposal.Id, Undone: false), LastRewrite(heard).Rewrite);
        Assert.Equal(Rewritten, (await room.ParagraphsAsync()).Single(p => p.Id == opening).Text);
        Assert.Equal(ProposalStatus.Applied, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);
    }

    [Fact]
    public async Task A_readers_editor_asking_to_undo_a_rewrite_is_refused_counted_against_its_circuit_and_nothing_changes()
    {
        var reader = await room.MemberAsync("reader", ScriptRole.Reader);
        var (message, proposal) = await ProposeAsync();
        await room.Host.Services.GetRequiredService<ChatStore>().SetSharedAsync(message.ConversationId, room.Script, room.Owner, true, Ct);
        await room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, proposal.Id, Ct);
        var guard = StrictGuard();
        var (editor, _) = await OpenEditorAsync(reader, guard);
        using var __ = editor;

        var result = await Steps.UndoAsync(editor, message.Id, proposal.Id, guard, Ct);

        Assert.False(result.Done);
        Assert.False(result.Retry);
        Assert.Contains("Only the script's writers and owners", result.Reason);
        Assert.True(guard.Ended);
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Rewritten);
        Assert.Equal(ProposalStatus.Applied, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);
    }

    [Fact]
    public async Task Ctrl_z_after_a_co_writer_changed_the_rewritten_paragraph_is_refused_with_the_reason_and_their_text_is_kept()
    {
        var writer = await room.MemberAsync("writer", ScriptRole.Writer);
        var (message, proposal) = await ProposeAsync();
        var (editor, _) = await OpenEditorAsync(room.Owner);
        using var _ = editor;
        await room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, proposal.Id, Ct);
        var (coWriter, theirs) = await OpenEditorAsync(writer);
        using var __ = coWriter;
        var block = coWriter.Session.Snapshot().Blocks.Single(b => b.Text == Rewritten);
        var edit = EditOp.Update(block.Id, block.Version, block.Text, Rewritten + " He slips.");
        await coWriter.SubmitAsync([edit], ct: Ct);
        await theirs.WaitCommittedAsync(edit.OpId);

        var result = await Steps.UndoAsync(editor, message.Id, proposal.Id, ct: Ct);

        Assert.False(result.Done);
        Assert.False(result.Retry);
        Assert.Contains("changed after the rewrite went in", result.Reason);
        Assert.Equal(Rewritten + " He slips.", (await room.ParagraphsAsync()).Single(p => p.Id == block.Id).Text);
        Assert.Equal(ProposalStatus.Applied, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);
    }

    [Fact]
    public async Task An_editor_on_another_script_cannot_undo_this_scripts_rewrite()
    {
        var (message, proposal) = await ProposeAsync();
        await room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, proposal.Id, Ct);
        var other = await new ScriptImporter(database.Factory).ImportAsync(FountainParser.Parse(RewriteRoom.Fountain), "Other", room.Owner, Ct);
        var (editor, _) = await OpenEditorAsync(room.Owner, script: other);
        using var _ = editor;

        var result = await Steps.UndoAsync(editor, message.Id, proposal.Id, ct: Ct);

        Assert.False(result.Done);
        Assert.Contains("not in this script's threads", result.Reason);
        Assert.Contains(await room.ParagraphsAsync(), p => p.Text == Rewritten);
        Assert.Equal(ProposalStatus.Applied, Assert.Single(await room.StoredProposalsAsync(message.Id)).Status);
    }

    private static (string Text, string? Colour, bool Ai) Single(EditorUpdate update, Guid block)
    {
        var state = update.Blocks.Single(b => b.Id == block);
        return (state.Text, state.RevisionColor, state.AiAssisted);
    }
}
