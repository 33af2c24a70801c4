using Microsoft.JSInterop;

namespace WritersRoom.Web.Components.Editor;

/// <summary>
/// Calls into the browser's editor. None of them ever ends the circuit: a call the browser cannot take (its connection
/// dropped or dropping, or no answer) is dropped, and the editor repairs what it missed with a resync when it is back;
/// a call that fails in the browser's script or here is a bug, logged at error and counted, and dropped as well.
/// </summary>
public partial class ScriptEditor
{
    // A push is answered within a round trip; one still unanswered after this was lost with a connection.
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Calls <paramref name="method"/> on the browser's editor; false if it did not get there (logged and counted).</summary>
    private async Task<bool> PushAsync(string method, CancellationToken ct, params object?[] args)
    {
        if (editor is null || ct.IsCancellationRequested) return false;
        return await CallBrowserAsync(method, ct, async token =>
        {
            await editor.InvokeVoidAsync(method, token, args);
            return true;
        });
    }

    /// <summary>Asks the browser's editor for something; the default when it cannot answer (logged and counted).</summary>
    private async Task<T?> ReadAsync<T>(string method, params object?[] args)
    {
        if (editor is null || stop.IsCancellationRequested) return default;
        return await CallBrowserAsync(method, stop.Token, token => editor.InvokeAsync<T?>(method, token, args).AsTask());
    }

    private async Task<T?> CallBrowserAsync<T>(string method, CancellationToken ct, Func<CancellationToken, Task<T?>> call)
    {
        if (!Link.IsUp)
        {
            Dropped(method, "disconnected");
            return default;
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, Link.WhileUp);
        limit.CancelAfter(PushTimeout);
        try
        {
            return await call(limit.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The editor is closing.
        }
        catch (Exception e) when (e is JSDisconnectedException || (e is OperationCanceledException && !Link.IsUp))
        {
            Dropped(method, "disconnected");
        }
        catch (OperationCanceledException e)
        {
            Log.LogWarning(e, "The browser did not answer {Method} on script {ScriptId} within {Timeout}; dropped", method, ScriptId, PushTimeout);
            Metrics.PushFailed(method, "unanswered");
        }
        catch (JSException e)
        {
            Log.LogError(e, "The editor in the browser failed on {Method} for script {ScriptId}; dropped", method, ScriptId);
            Metrics.PushFailed(method, "script_error");
        }
        catch (Exception e)
        {
            Log.LogError(e, "Calling {Method} on the browser's editor for script {ScriptId} failed; dropped", method, ScriptId);
            Metrics.PushFailed(method, "error");
        }
        return default;
    }

    private void Dropped(string method, string reason)
    {
        Log.LogDebug("{Method} for script {ScriptId} dropped: the browser is disconnected (it resyncs when it is back)", method, ScriptId);
        Metrics.PushFailed(method, reason);
    }
}
