using WritersRoom.Data;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Security.Circuits;

namespace WritersRoom.Web.Editing.Rewrites;

/// <summary>What the editor hears back from an undo or redo of a rewrite: done, or why not and whether trying again may help.</summary>
public sealed record RewriteStepResult(bool Done, string? Reason = null, bool Retry = false);

/// <summary>
/// Ctrl+Z and Ctrl+Y in the editor on an AI rewrite the writer applied: the card's Undo and Apply again, asked by the
/// writer's editor on its script. The same server path as the card (<see cref="RewriteService"/>: role and thread
/// re-checked, refused when a co-writer changed those paragraphs since), so the editor cannot do more than the card;
/// a refusal is counted against the circuit like any refused editor request.
/// </summary>
public sealed class EditorRewriteSteps(RewriteService rewrites, ILogger<EditorRewriteSteps> log)
{
    public Task<RewriteStepResult> UndoAsync(EditorConnection editor, Guid messageId, Guid proposalId, CircuitGuard? guard = null,
        CancellationToken ct = default) =>
        StepAsync(editor, "undo", () => rewrites.UndoAsync(editor.UserId, editor.ScriptId, messageId, proposalId, ct), guard);

    public Task<RewriteStepResult> RedoAsync(EditorConnection editor, Guid messageId, Guid proposalId, CircuitGuard? guard = null,
        CancellationToken ct = default) =>
        StepAsync(editor, "redo", () => rewrites.ApplyAsync(editor.UserId, editor.ScriptId, messageId, proposalId, ct), guard);

    private async Task<RewriteStepResult> StepAsync(EditorConnection editor, string what, Func<Task> step, CircuitGuard? guard)
    {
        ArgumentNullException.ThrowIfNull(editor);
        try
        {
            await step();
            return new RewriteStepResult(true);
        }
        catch (RequestRejectedException e)
        {
            guard?.Refused(editor.UserId, $"an editor {what} of a rewrite: {e.Message}");
            return new RewriteStepResult(false, e.Message);
        }
        catch (ScriptNotFoundException)
        {
            guard?.Refused(editor.UserId, $"an editor {what} of a rewrite on a script it is not a member of");
            return new RewriteStepResult(false, "This script does not exist or you are no longer a member of it.");
        }
        catch (Exception e) when (DatabaseTimeout.Is(e) || e is DatabaseTimeoutException)
        {
            log.LogWarning(e, "An editor {What} of a rewrite on script {ScriptId} waited too long for the database", what, editor.ScriptId);
            return new RewriteStepResult(false, "The database did not answer in time; press the keys again in a moment.", Retry: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "An editor {What} of a rewrite on script {ScriptId} failed", what, editor.ScriptId);
            return new RewriteStepResult(false, "That did not work; try again in a moment.", Retry: true);
        }
    }
}
