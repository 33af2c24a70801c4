using System.Collections.Concurrent;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Tests.Editing;

/// <summary>Records what the session tells one editor, with arrival times for latency figures.</summary>
public sealed class RecordingClient : IEditorClient
{
    public ConcurrentQueue<(EditorUpdate Update, long At)> Updates { get; } = new();
    public ConcurrentQueue<Guid> Committed { get; } = new();
    public ConcurrentDictionary<Guid, long> CommittedAt { get; } = new();
    public ConcurrentQueue<OpRejection> Rejected { get; } = new();
    public ConcurrentQueue<SessionEvent> Events { get; } = new();
    private IReadOnlyList<PresenceEntry> presence = [];

    /// <summary>The last presence list this editor was sent.</summary>
    public IReadOnlyList<PresenceEntry> LatestPresence => Volatile.Read(ref presence);

    public void OnUpdate(EditorUpdate update) => Updates.Enqueue((update, System.Diagnostics.Stopwatch.GetTimestamp()));
    public void OnCommitted(IReadOnlyList<Guid> opIds)
    {
        var at = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var id in opIds)
        {
            CommittedAt.TryAdd(id, at);
            Committed.Enqueue(id);
        }
    }
    public void OnRejected(OpRejection rejection) => Rejected.Enqueue(rejection);
    public void OnEvent(SessionEvent sessionEvent) => Events.Enqueue(sessionEvent);
    public void OnPresence(IReadOnlyList<PresenceEntry> presence) => Volatile.Write(ref this.presence, presence);

    public async Task WaitCommittedAsync(Guid opId)
    {
        for (var i = 0; i < 500 && !Committed.Contains(opId); i++) await Task.Delay(10);
        Assert.Contains(opId, Committed);
    }
}
