using Npgsql;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Editing;

/// <summary>
/// One writer's editor on one script (one per circuit and script). Every call re-checks the role (cached
/// briefly), so a writer demoted to reader stops editing within seconds, and enforces size and rate limits.
/// It stands between the session and the circuit's client so refusals are logged in one place.
/// </summary>
/// <param name="granted">The role read when the editor opened, and <see cref="ScriptAccess.ChangeStamp"/> before that read.</param>
public sealed class EditorConnection(Guid scriptId, string userId, string displayName, (ScriptRole Role, long Stamp) granted, IEditorClient client,
    ScriptAccess access, NpgsqlDataSource dataSource, EditingMetrics metrics, ILogger<EditorConnection> log) : IEditorClient, IDisposable
{
    private readonly TokenBucket rate = new(EditLimits.OpsPerSecond, EditLimits.Burst);
    private ScriptSession? session;
    private long roleStamp = granted.Stamp;

    public Guid ScriptId => scriptId;
    public string UserId => userId;
    public ScriptRole Role { get; private set; } = granted.Role;
    public EditorSnapshot Snapshot { get; private set; } = null!;
    public ScriptSession Session => session ?? throw new InvalidOperationException("Not attached.");

    internal void Attached(ScriptSession attachedTo, EditorSnapshot snapshot)
    {
        session = attachedTo;
        Snapshot = snapshot;
    }

    /// <summary>
    /// Applies the writer's operations in order. <paramref name="resend"/> marks operations sent again after a
    /// reconnect or reload: those the database already holds are acked without being applied again.
    /// </summary>
    public async Task SubmitAsync(IReadOnlyList<EditOp> ops, bool resend = false, CancellationToken ct = default)
    {
        if (ops.Count == 0) return;
        var current = await CurrentRoleAsync(ct);
        Role = current ?? ScriptRole.Reader;
        if (current is not { } r || !r.CanEdit())
        {
            RejectAll(ops, current is null ? "You are no longer a member of this script." : "You can read this script but not edit it.");
            return;
        }
        if (ops.Count > EditLimits.MaxOpsPerBatch)
        {
            RejectAll(ops, $"Too many changes at once (at most {EditLimits.MaxOpsPerBatch}).");
            return;
        }
        var chars = ops.Sum(o => (long)(o.Text?.Length ?? 0) + (o.BaseText?.Length ?? 0));
        if (chars > EditLimits.MaxBatchChars)
        {
            RejectAll(ops, $"That change is too large ({chars / 1024:N0} KB); paste at most {EditLimits.MaxBatchChars / 2048:N0} KB at a time.");
            return;
        }
        if (!rate.TryTake(resend ? 0 : ops.Count))
        {
            RejectAll(ops, "Too many changes per second; slow down.");
            return;
        }
        if (resend) await RecallCommittedAsync(ops, ct);
        foreach (var op in ops) Session.Apply(op, userId, this);
    }

    /// <summary>
    /// The role now. When the cached role has expired and the database does not answer (slow past its timeout, or
    /// restarting), the role this editor last had stands, unless a membership change was heard since: typing goes on
    /// (the edits wait in the session for the database like any other), and a demotion still takes effect at once.
    /// </summary>
    private async Task<ScriptRole?> CurrentRoleAsync(CancellationToken ct)
    {
        var stamp = access.ChangeStamp(userId, scriptId);
        try
        {
            var role = await access.GetRoleAsync(userId, scriptId, ct);
            Interlocked.Exchange(ref roleStamp, stamp);
            return role;
        }
        // The stamp as it is now: a change heard while the lookup was waiting counts too.
        catch (Exception e) when (!ct.IsCancellationRequested && access.ChangeStamp(userId, scriptId) == Interlocked.Read(ref roleStamp)
                                  && (DatabaseTimeout.Is(e) || e is NpgsqlException { IsTransient: true }))
        {
            log.LogWarning(e, "The role of {UserId} on script {ScriptId} could not be read; the editor keeps its role {Role}", userId, scriptId, Role);
            return Role;
        }
    }

    /// <summary>The script as it is now, for a resync; still a member?</summary>
    public async Task<EditorSnapshot> SnapshotAsync(CancellationToken ct = default)
    {
        if (await access.GetRoleAsync(userId, scriptId, ct) is null) throw new ScriptNotFoundException(scriptId);
        return Session.Snapshot();
    }

    /// <summary>Where this writer is: the paragraph and caret offset; the session adds the scene.</summary>
    public void SetPresence(Guid? blockId, int? offset, string color) =>
        Session.SetPresence(this, new PresenceEntry(userId, displayName, color, null, blockId, offset));

    private async Task RecallCommittedAsync(IReadOnlyList<EditOp> ops, CancellationToken ct)
    {
        var unknown = ops.Select(o => o.OpId).Where(id => !Session.HasApplied(id)).ToArray();
        if (unknown.Length == 0) return;
        Session.RememberCommitted(await CommitSql.AppliedAsync(dataSource, scriptId, unknown, ct));
    }

    private void RejectAll(IReadOnlyList<EditOp> ops, string reason)
    {
        log.LogWarning("Refused {Count} operation(s) from {UserId} on script {ScriptId}: {Reason}", ops.Count, userId, scriptId, reason);
        metrics.Rejected(ops.Count);
        foreach (var op in ops) client.OnRejected(new OpRejection(op.OpId, reason));
    }

    void IEditorClient.OnUpdate(EditorUpdate update) => client.OnUpdate(update);
    void IEditorClient.OnCommitted(IReadOnlyList<Guid> opIds) => client.OnCommitted(opIds);
    void IEditorClient.OnPresence(IReadOnlyList<PresenceEntry> presence) => client.OnPresence(presence);
    void IEditorClient.OnEvent(SessionEvent sessionEvent) => client.OnEvent(sessionEvent);

    void IEditorClient.OnRejected(OpRejection rejection)
    {
        log.LogWarning("Refused operation {OpId} from {UserId} on script {ScriptId}: {Reason}", rejection.OpId, userId, scriptId, rejection.Reason);
        metrics.Rejected(1);
        client.OnRejected(rejection);
    }

    public void Dispose() => session?.Detach(this);
}
