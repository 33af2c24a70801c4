using WritersRoom.Core.Scripts;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Editing.History;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Editing.Rewrites;

/// <summary>
/// What the writers do with a proposed rewrite: apply it, dismiss it, or undo it once applied. Writers and owners only,
/// checked here on the server whatever the page shows; the proposal is looked up on its script, in a thread the caller
/// may see. Applying is an edit of the live session like any writer's (every editor sees it at once, the group commit
/// writes it), after a snapshot of the script as it was, with the changed paragraphs marked AI-assisted (and in
/// revision mode, coloured). A target a co-writer changed since the proposal is refused, never overwritten; an undo is
/// refused likewise if the rewritten paragraphs were edited after it went in. Each decision is told to every open view of
/// the message (<see cref="IProposalChanges"/>), and the editors hear which proposal a change applies or undoes.
/// </summary>
public sealed class RewriteService(ScriptAccess access, ProposalStore store, ScriptSessionRegistry registry, IProposalChanges changes,
    ILogger<RewriteService> log)
{
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(30);

    public async Task<RewriteProposal> ApplyAsync(string userId, Guid scriptId, Guid messageId, Guid proposalId, CancellationToken ct = default)
    {
        await RequireWriterAsync(userId, scriptId, "apply a rewrite", ct);
        var proposal = await FindAsync(userId, scriptId, messageId, proposalId, ct);
        if (proposal.Status == ProposalStatus.Applied) throw new RequestRejectedException("This rewrite is already applied.");
        if (proposal.Status == ProposalStatus.Dismissed) throw new RequestRejectedException("This proposal was dismissed.");

        var replaced = await OnSessionAsync(scriptId, s => s.ReplaceRun(proposal.SceneId, proposal.Before.Select(p => (p.Id, p.Text)).ToList(),
            proposal.Scope == RewriteScope.Scene, proposal.After.Select(Run).ToList(), RunMarks.AiRewrite, userId,
            SnapshotKind.BeforeAiRewrite, $"Before AI rewrite of scene {proposal.SceneOrdinal}", new RewriteTag(messageId, proposalId, Undone: false)),
            "apply", ct);
        log.LogInformation("{UserId} applied rewrite {ProposalId} to scene {SceneId} of script {ScriptId}", userId, proposalId, proposal.SceneId, scriptId);
        var snapshot = await SnapshotIdAsync(replaced.Before, ct);
        return await RecordAsync(userId, scriptId, messageId, proposal with
        {
            Status = ProposalStatus.Applied, DecidedBy = userId, DecidedAt = DateTimeOffset.UtcNow, SnapshotId = snapshot,
            Replaced = replaced.Replaced.Select(Paragraph).ToList(), Applied = replaced.Placed.Select(Paragraph).ToList(),
        }, ct);
    }

    /// <summary>Puts the paragraphs back as they were just before the apply (text, type and marks), through the session.</summary>
    public async Task<RewriteProposal> UndoAsync(string userId, Guid scriptId, Guid messageId, Guid proposalId, CancellationToken ct = default)
    {
        await RequireWriterAsync(userId, scriptId, "undo a rewrite", ct);
        var proposal = await FindAsync(userId, scriptId, messageId, proposalId, ct);
        if (proposal is not { Status: ProposalStatus.Applied, Applied: { } applied, Replaced: { } replaced })
            throw new RequestRejectedException("Only an applied rewrite can be undone.");

        await OnSessionAsync(scriptId, s => s.ReplaceRun(proposal.SceneId, applied.Select(p => (p.Id, p.Text)).ToList(), proposal.Scope == RewriteScope.Scene,
            replaced.Select(Run).ToList(), RunMarks.Restore, userId, SnapshotKind.BeforeBulkChange,
            $"Before undoing the AI rewrite of scene {proposal.SceneOrdinal}", new RewriteTag(messageId, proposalId, Undone: true)), "undo", ct);
        log.LogInformation("{UserId} undid rewrite {ProposalId} on script {ScriptId}", userId, proposalId, scriptId);
        return await RecordAsync(userId, scriptId, messageId, proposal with
        {
            Status = ProposalStatus.Undone, DecidedBy = userId, DecidedAt = DateTimeOffset.UtcNow, Replaced = null, Applied = null,
        }, ct);
    }

    public async Task<RewriteProposal> DismissAsync(string userId, Guid scriptId, Guid messageId, Guid proposalId, CancellationToken ct = default)
    {
        await RequireWriterAsync(userId, scriptId, "dismiss a rewrite", ct);
        var proposal = await FindAsync(userId, scriptId, messageId, proposalId, ct);
        if (proposal.Status == ProposalStatus.Applied) throw new RequestRejectedException("This rewrite is applied: undo it instead.");
        return await RecordAsync(userId, scriptId, messageId, proposal with
        {
            Status = ProposalStatus.Dismissed, DecidedBy = userId, DecidedAt = DateTimeOffset.UtcNow,
        }, ct);
    }

    private async Task<RewriteProposal> FindAsync(string userId, Guid scriptId, Guid messageId, Guid proposalId, CancellationToken ct)
    {
        var found = await store.FindAsync(messageId, scriptId, userId, ct);
        var proposal = found?.Proposals.FirstOrDefault(p => p.Id == proposalId);
        if (proposal is not null) return proposal;
        log.LogWarning("{UserId} asked for proposal {ProposalId} of message {MessageId}, not in their threads of script {ScriptId}",
            userId, proposalId, messageId, scriptId);
        throw new RequestRejectedException("That proposal is not in this script's threads.");
    }

    /// <summary>Stores the proposal's new state. The session is already changed, so a concurrent write to the message is re-read, not lost.</summary>
    private async Task<RewriteProposal> RecordAsync(string userId, Guid scriptId, Guid messageId, RewriteProposal updated, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await store.FindAsync(messageId, scriptId, userId, CancellationToken.None) is not { } found) break;
            var list = found.Proposals.Select(p => p.Id == updated.Id ? updated : p).ToList();
            if (!await store.TrySwapAsync(messageId, found.Stored, list, CancellationToken.None)) continue;
            changes.Publish(new ProposalChanged(scriptId, messageId, updated));
            return updated;
        }
        log.LogError("The state of proposal {ProposalId} on message {MessageId} could not be recorded", updated.Id, messageId);
        throw new RequestRejectedException(updated.Status == ProposalStatus.Dismissed
            ? "The proposal could not be dismissed; try again."
            : "Done in the script, but the proposal's card could not record it; reload the thread to see the script's state.");
    }

    private async Task<RunReplaced> OnSessionAsync(Guid scriptId, Func<ScriptSession, RunReplaced> action, string what, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var session = await registry.GetAsync(scriptId, ct) ?? throw new ScriptNotFoundException(scriptId);
            try
            {
                return action(session);
            }
            catch (SessionClosedException) when (attempt < 3)
            {
            }
            catch (RunChangedException changed)
            {
                throw new RequestRejectedException(what == "undo" ? UndoRefusal(changed.Kind) : changed.Message);
            }
        }
    }

    private static string UndoRefusal(RunChange kind) => kind switch
    {
        RunChange.AlreadyThere => "The script already reads as it did before the rewrite.",
        _ => "The rewritten paragraphs were changed after the rewrite went in; undoing it would throw that work away, so nothing was changed. "
             + "The script as it was before the rewrite is in History (“Before AI rewrite…”).",
    };

    private async Task<Guid?> SnapshotIdAsync(PendingSnapshot? pending, CancellationToken ct)
    {
        if (pending is null) return null;
        try
        {
            return await pending.Written.WaitAsync(SnapshotWait, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The rewrite is in; the writer can still undo it from the card. The writer logged the cause.
            log.LogWarning(e, "The snapshot before a rewrite of script {ScriptId} was not confirmed", pending.Session.ScriptId);
            return null;
        }
    }

    private async Task RequireWriterAsync(string userId, Guid scriptId, string what, CancellationToken ct)
    {
        try
        {
            await access.RequireAsync(userId, scriptId, ScriptRole.Writer, ct);
        }
        catch (ScriptAccessDeniedException)
        {
            log.LogWarning("Refused to let {UserId} {What} on script {ScriptId}: not a writer", userId, what, scriptId);
            throw new RequestRejectedException($"Only the script's writers and owners can {what}.");
        }
    }

    private static RunParagraph Run(ProposalParagraph p) =>
        new(p.Id, p.Type, p.Text) { Extension = p.Extension, Dual = p.Dual, RevisionColor = p.RevisionColor, AiAssisted = p.AiAssisted };

    private static ProposalParagraph Paragraph(RunParagraph p) =>
        new(p.Id, p.Type, p.Text) { Extension = p.Extension, Dual = p.Dual, RevisionColor = p.RevisionColor, AiAssisted = p.AiAssisted };
}
