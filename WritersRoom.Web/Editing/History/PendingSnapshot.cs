using WritersRoom.Core.History;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Editing.History;

/// <summary>
/// A copy of a script taken under its session's lock, on its way to the database. <see cref="Written"/> completes
/// with the snapshot's id once it is stored (a restore waits for the copy of what it replaces).
/// </summary>
public sealed class PendingSnapshot(ScriptSession session, SnapshotKind kind, string? name, string? userId, long scriptVersion, ScriptVersion content)
{
    private readonly TaskCompletionSource<Guid> written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptSession Session { get; } = session;
    public SnapshotKind Kind { get; } = kind;
    public string? Name { get; } = name;
    public string? UserId { get; } = userId;
    public long ScriptVersion { get; } = scriptVersion;
    public ScriptVersion Content { get; } = content;
    public Task<Guid> Written => written.Task;

    internal void Complete(Guid id) => written.TrySetResult(id);
    internal void Fail(Exception e) => written.TrySetException(e);
}

/// <summary>Where sessions hand their snapshots; implemented by <see cref="SnapshotWriter"/>.</summary>
public interface ISnapshotQueue
{
    HistoryOptions Options { get; }

    /// <summary>A copy already taken (before a bulk change, or a named version); never blocks.</summary>
    void Enqueue(PendingSnapshot snapshot);

    /// <summary>An automatic snapshot is due: the writer takes the copy itself, off the typing path; never blocks.</summary>
    void RequestAuto(ScriptSession session);
}
