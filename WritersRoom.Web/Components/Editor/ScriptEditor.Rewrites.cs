using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using WritersRoom.Web.Editing.Rewrites;

namespace WritersRoom.Web.Components.Editor;

/// <summary>
/// Ctrl+Z / Ctrl+Y in the editor on an AI rewrite this writer applied: the browser keeps the rewrite in its undo order
/// (it arrives as the session's change, tagged with its proposal) and asks here when its turn comes. The ids are the
/// browser's word: the service finds the proposal only on this script, in a thread the writer may see, for a writer.
/// </summary>
public partial class ScriptEditor
{
    [Inject] private EditorRewriteSteps RewriteSteps { get; set; } = null!;

    [JSInvokable]
    public Task<RewriteStepResult> UndoRewrite(Guid messageId, Guid proposalId) =>
        connection is null ? NotOpen : RewriteSteps.UndoAsync(connection, messageId, proposalId, Guard, stop.Token);

    [JSInvokable]
    public Task<RewriteStepResult> RedoRewrite(Guid messageId, Guid proposalId) =>
        connection is null ? NotOpen : RewriteSteps.RedoAsync(connection, messageId, proposalId, Guard, stop.Token);

    private static Task<RewriteStepResult> NotOpen => Task.FromResult(new RewriteStepResult(false, "The editor is not open."));
}
