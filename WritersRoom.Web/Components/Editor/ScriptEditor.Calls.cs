using Microsoft.JSInterop;
using Npgsql;
using WritersRoom.Data;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Components.Editor;

/// <summary>
/// The calls the browser's editor makes to save. Each answers with an <see cref="EditorReply"/> rather than an
/// exception, so the browser knows whether to go on, to try again after a pause (the database slow or restarting: the
/// edits wait in the browser, nothing is lost), or to stop (the writer may no longer edit). Their arguments are whatever
/// the browser sent: the connection checks them all.
/// </summary>
public partial class ScriptEditor
{
    [JSInvokable]
    public Task<EditorReply> Submit(ClientOp?[]? ops, bool resend) => ReplyAsync(nameof(Submit), async open =>
    {
        await open.SubmitFromBrowserAsync(ops, resend, stop.Token);
        return open.EditRefusal is { } refusal ? EditorReply.Stop(refusal) : EditorReply.Done;
    });

    [JSInvokable]
    public Task<EditorReply> Snapshot() => ReplyAsync(nameof(Snapshot), async open => EditorReply.With(await open.SnapshotAsync(stop.Token)));

    private async Task<EditorReply> ReplyAsync(string call, Func<EditorConnection, Task<EditorReply>> body)
    {
        if (connection is null) return EditorReply.Stop("This script is not open here.");
        try
        {
            var reply = await body(connection);
            if (reply.Status == EditorReply.Refused) Metrics.CallFailed(call, "stop");
            return reply;
        }
        catch (ScriptNotFoundException)
        {
            Log.LogWarning("Refused {Call} from {UserId} on script {ScriptId}: no longer a member", call, userId, ScriptId);
            Metrics.CallFailed(call, "stop");
            return EditorReply.Stop("You are no longer a member of this script.");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The editor is closing with its circuit: nobody reads this reply.
            return EditorReply.Retry("The editor is closing.");
        }
        catch (Exception e) when (Passing(e))
        {
            Log.LogWarning(e, "{Call} from {UserId} on script {ScriptId} could not be done now; the browser keeps the edits and tries again",
                call, userId, ScriptId);
            Metrics.CallFailed(call, "retry");
            return EditorReply.Retry(e is TryAgainLaterException ? e.Message : "The database did not answer in time.");
        }
        catch (Exception e)
        {
            // A bug. The browser keeps the edits and tries again (after a fix or a restart they go through); the circuit stays.
            Log.LogError(e, "{Call} from {UserId} on script {ScriptId} failed", call, userId, ScriptId);
            Metrics.CallFailed(call, "error");
            return EditorReply.Retry("The server could not save the last change.");
        }
    }

    /// <summary>The database slow past its timeout, restarting or out of reach, or a request refused for now: it passes.</summary>
    private static bool Passing(Exception e) =>
        e is TryAgainLaterException || DatabaseTimeout.Is(e) || e is NpgsqlException { IsTransient: true };
}
