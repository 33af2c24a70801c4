using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Editing;

/// <summary>
/// Brings a live session level with the database: after a write that did not land (another instance wrote first),
/// after a missed message, and when Redis comes back. Two queries (the loader's), then a merge under the session's
/// lock; rare by design, so a whole-script read is simpler and safer than guessing which rows moved.
/// </summary>
public sealed class SessionReconciler(ScriptDocumentLoader loader, EditingMetrics metrics)
{
    public async Task ReconcileAsync(ScriptSession session, CancellationToken ct = default)
    {
        var document = await loader.LoadAsync(session.ScriptId, ct);
        if (document is null) return; // the script was deleted; its session goes idle and is unloaded
        session.Reconcile(document);
        metrics.Reconciled();
    }
}
