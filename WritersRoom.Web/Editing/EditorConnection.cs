using System.Collections.Frozen;
using Npgsql;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Security.Circuits;

namespace WritersRoom.Web.Editing;

/// <summary>
/// One writer's editor on one script (one per circuit and script). Every call re-checks the role (cached
/// briefly), so a writer demoted to reader stops editing within seconds, and enforces size and rate limits.
/// It stands between the session and the circuit's client so refusals are logged in one place, and tells the
/// circuit's <see cref="CircuitGuard"/> (when it has one) what it refused: too many refusals, or an id of another
/// script, end the circuit.
/// </summary>
/// <param name="granted">The role read when the editor opened, and <see cref="ScriptAccess.ChangeStamp"/> before that read.</param>
public sealed class EditorConnection(Guid scriptId, string userId, string displayName, (ScriptRole Role, long Stamp) granted, IEditorClient client,
    ScriptAccess access, NpgsqlDataSource dataSource, EditingMetrics metrics, ILogger<EditorConnection> log, CircuitGuard? guard = null)
    : IEditorClient, IDisposable
{
    // What the browser's editor sends; scene moves, scene deletions and numbering come from the server's own components.
    private static readonly FrozenSet<string> BrowserKinds =
        FrozenSet.ToFrozenSet([nameof(EditOpKind.InsertBlock), nameof(EditOpKind.UpdateText), nameof(EditOpKind.DeleteBlock), nameof(EditOpKind.SetType)]);

    private readonly TokenBucket rate = new(EditLimits.OpsPerSecond, EditLimits.Burst);
    // The editor sends its caret at most every 150 ms and asks for the whole script only after a reconnect: far below these.
    // Each caret is fanned out to every writer on the script and each snapshot copies the whole script, so both are bounded.
    private readonly TokenBucket carets = new(20, 40);
    private readonly TokenBucket snapshots = new(1, 5);
    private ScriptSession? session;
    private long roleStamp = granted.Stamp;
    private int refused;
    private string? lastRefusal;

    public Guid ScriptId => scriptId;
    public string UserId => userId;
    public ScriptRole Role { get; private set; } = granted.Role;

    /// <summary>
    /// Why this writer may not edit, as the last role check of an edit found (null: they may). Their edits are refused
    /// one by one; the browser's editor reads this to stop sending instead of trying again.
    /// </summary>
    public string? EditRefusal { get; private set; }
    public EditorSnapshot Snapshot { get; private set; } = null!;
    public ScriptSession Session => session ?? throw new InvalidOperationException("Not attached.");

    internal void Attached(ScriptSession attachedTo, EditorSnapshot snapshot)
    {
        session = attachedTo;
        Snapshot = snapshot;
    }

    /// <summary>
    /// Operations exactly as the browser's interop call delivered them: anything null, of a kind the editor never sends,
    /// or with a negative version is refused (and counted against the circuit); the rest go on to <see cref="SubmitAsync"/>.
    /// </summary>
    public async Task SubmitFromBrowserAsync(IReadOnlyList<ClientOp?>? ops, bool resend, CancellationToken ct = default)
    {
        if (ops is null)
        {
            Malformed("an edit message without operations");
            return;
        }
        if (ops.Count > EditLimits.MaxOpsPerBatch)
        {
            RejectAll([.. ops.OfType<ClientOp>().Select(o => o.ToEditOp())], $"Too many changes at once (at most {EditLimits.MaxOpsPerBatch}).");
            guard?.Refused(userId, "an edit message with too many operations");
            return;
        }
        var accepted = new List<EditOp>(ops.Count);
        var bad = 0;
        foreach (var op in ops)
        {
            var reason = op is null ? "" : Malformation(op);
            if (reason is null)
            {
                accepted.Add(op!.ToEditOp());
                continue;
            }
            bad++;
            if (op is not null) ((IEditorClient)this).OnRejected(new OpRejection(op.OpId, reason));
        }
        if (bad > 0) Malformed($"{bad} malformed operation(s) in an edit message");
        await SubmitAsync(accepted, resend, ct);
    }

    /// <summary>
    /// Applies the writer's operations in order. <paramref name="resend"/> marks operations sent again after a
    /// reconnect or reload: those the database already holds are acked without being applied again.
    /// </summary>
    public async Task SubmitAsync(IReadOnlyList<EditOp> ops, bool resend = false, CancellationToken ct = default)
    {
        if (ops.Count == 0) return;
        var refusedBefore = Volatile.Read(ref refused);
        try
        {
            await SubmitCheckedAsync(ops, resend, ct);
        }
        finally
        {
            // One request, one refusal, however many of its operations were refused (a resend may carry hundreds).
            if (Volatile.Read(ref refused) > refusedBefore) guard?.Refused(userId, "an edit: " + lastRefusal);
        }
    }

    private async Task SubmitCheckedAsync(IReadOnlyList<EditOp> ops, bool resend, CancellationToken ct)
    {
        var current = await CurrentRoleAsync(ct);
        Role = current ?? ScriptRole.Reader;
        EditRefusal = current is null ? "You are no longer a member of this script."
            : !current.Value.CanEdit() ? "You can read this script but not edit it."
            : null;
        if (EditRefusal is not null)
        {
            RejectAll(ops, EditRefusal);
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
        var foreign = await ForeignAsync(UnknownReferences(ops), "an edit", endCircuit: !resend, ct);
        if (foreign.Count > 0)
        {
            // A fresh message naming another script's ids is forged: none of it applies. A resend may be an honest
            // leftover of a paste from another script whose ids were since renewed: only those operations go.
            var forged = resend ? ops.Where(o => Referenced(o).Any(foreign.Contains)).ToList() : ops;
            RejectAll(forged, "That paragraph or scene is not in this script.");
            if (!resend) return;
            ops = ops.Except(forged).ToList();
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
        if (!snapshots.TryTake(1))
        {
            Refuse("a request", "snapshot requests faster than one a second");
            throw new TryAgainLaterException("Too many requests for the whole script; wait a moment.");
        }
        return Session.Snapshot();
    }

    /// <summary>Where this writer is: the paragraph and caret offset; the session adds the scene.</summary>
    public void SetPresence(Guid? blockId, int? offset, string color) =>
        Session.SetPresence(this, new PresenceEntry(userId, displayName, color, null, blockId, offset));

    /// <summary>
    /// The caret as the browser reports it: a negative offset is refused; a paragraph this script does not have (deleted
    /// meanwhile, or another script's: a security event) is not passed on to the other writers.
    /// </summary>
    public async Task SetPresenceFromBrowserAsync(Guid? blockId, int? offset, string color, CancellationToken ct = default)
    {
        if (offset < 0)
        {
            Malformed($"a caret at offset {offset}");
            return;
        }
        if (!carets.TryTake(1))
        {
            Refuse("a request", "caret positions faster than 20 a second");
            return;
        }
        if (blockId is { } id && Session.TextOf(id) is null)
        {
            await ForeignAsync(Session.UnknownIds([id]), "a caret position", endCircuit: true, ct);
            (blockId, offset) = (null, null);
        }
        else if (blockId is { } known && offset > Session.TextOf(known)?.Length)
        {
            offset = Session.TextOf(known)?.Length;
        }
        SetPresence(blockId, blockId is null ? null : offset, color);
    }

    /// <summary>
    /// Whether a paragraph id from the browser (a comment marker, the caret) is one of this script's; one of another
    /// script is a security event. Null (no paragraph) is fine.
    /// </summary>
    public async Task<bool> OwnsParagraphAsync(Guid? blockId, string what, CancellationToken ct = default)
    {
        if (blockId is not { } id || Session.ContainsBlock(id)) return true;
        await ForeignAsync(Session.UnknownIds([id]), what, endCircuit: true, ct);
        return false;
    }

    /// <summary>Ids the operations name that the session does not know, leaving out paragraphs the same message inserts first.</summary>
    private IReadOnlyList<Guid> UnknownReferences(IReadOnlyList<EditOp> ops)
    {
        var inserted = ops.Where(o => o.Kind == EditOpKind.InsertBlock).Select(o => o.BlockId).ToHashSet();
        var named = ops.SelectMany(Referenced).Where(id => id != Guid.Empty && !inserted.Contains(id)).ToList();
        return named.Count == 0 ? [] : Session.UnknownIds(named);
    }

    /// <summary>What an operation points at. A new paragraph's own id is not among them: a paste from another script brings
    /// that script's ids honestly, and the session gives such paragraphs fresh ids.</summary>
    private static IEnumerable<Guid> Referenced(EditOp op) => op.Kind switch
    {
        EditOpKind.UpdateText or EditOpKind.SetType or EditOpKind.DeleteBlock => [op.BlockId],
        EditOpKind.InsertBlock when op.AfterBlockId is { } after => [after],
        EditOpKind.MoveScene or EditOpKind.DeleteScene => new[] { op.SceneId, op.AfterSceneId }.OfType<Guid>(),
        _ => [],
    };

    /// <summary>Of ids the session does not know, those of another script (one query, only when there are any): logged as a
    /// security event with the user, and reported to the circuit's guard.</summary>
    private async Task<IReadOnlySet<Guid>> ForeignAsync(IReadOnlyList<Guid> unknown, string what, bool endCircuit, CancellationToken ct)
    {
        if (unknown.Count == 0) return FrozenSet<Guid>.Empty;
        var foreign = await ForeignIds.FindAsync(dataSource, scriptId, unknown, ct);
        if (foreign.Count == 0) return FrozenSet<Guid>.Empty;
        log.LogWarning("Security event: user {UserId} sent {What} on script {ScriptId} naming {Count} paragraph or scene id(s) of another script: {Ids}",
            userId, what, scriptId, foreign.Count, string.Join(", ", foreign.Take(5)));
        if (endCircuit) guard?.ForeignId(userId, $"{what} naming another script's paragraphs or scenes");
        else guard?.Refused(userId, what + " naming another script's paragraphs or scenes");
        return foreign.ToHashSet();
    }

    private static string? Malformation(ClientOp op) =>
        op.Kind is null || !Enum.TryParse<EditOpKind>(op.Kind, ignoreCase: false, out _) ? "Unknown operation."
        : !BrowserKinds.Contains(op.Kind) ? "The editor does not send that operation."
        : op.BaseVersion < 0 ? "An operation's base version cannot be negative."
        : null;

    private void Malformed(string what) => Refuse("malformed input", what);

    private void Refuse(string kind, string what)
    {
        log.LogWarning("Refused {Kind} from {UserId} on script {ScriptId}: {What}", kind, userId, scriptId, what);
        Interlocked.Increment(ref refused);
        lastRefusal = what;
        guard?.Refused(userId, what);
    }

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
        Interlocked.Increment(ref refused);
        lastRefusal = reason;
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
        Interlocked.Increment(ref refused);
        lastRefusal = rejection.Reason;
        client.OnRejected(rejection);
    }

    public void Dispose() => session?.Detach(this);
}
