using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Cluster;

/// <summary>
/// The editing sessions' side of the backplane: publishes each committed batch (numbered per script, so a gap shows),
/// presence changes, session events (comments, history, revision mode), and "who is here?" when a session loads. Called on the commit loop or under a session's lock:
/// serializing and a fire-and-forget publish, nothing that waits.
/// </summary>
public sealed class RedisEditingOutbox(RedisBackplane backplane, IOptions<RedisOptions> options, TimeProvider time) : IEditingFanOut
{
    private readonly ConcurrentDictionary<Guid, long> sequence = new();

    public void Committed(CommitBatch batch)
    {
        var scriptId = batch.Session.ScriptId;
        var seq = sequence.AddOrUpdate(scriptId, 1, (_, n) => n + 1);
        backplane.Publish(backplane.EditingChannel,
            (EditingMessage)new CommitMessage(backplane.InstanceId, scriptId, seq, time.GetUtcNow(), RemoteChange.From(batch)), "commit");
    }

    public void PresenceChanged(Guid scriptId, IReadOnlyList<PresenceEntry> local) =>
        backplane.Publish(backplane.EditingChannel,
            (EditingMessage)new PresenceMessage(backplane.InstanceId, scriptId, local, options.Value.PresenceExpiry), "presence");

    public void SessionLoaded(Guid scriptId) =>
        backplane.Publish(backplane.EditingChannel, (EditingMessage)new PresenceRequest(backplane.InstanceId, scriptId), "who");

    public void EventPublished(Guid scriptId, SessionEvent sessionEvent) =>
        backplane.Publish(backplane.EditingChannel, (EditingMessage)SessionEventMessage.From(backplane.InstanceId, scriptId, sessionEvent), "event");

    public void RequestResync(IReadOnlyList<Guid> scriptIds) =>
        backplane.Publish(backplane.EditingChannel, (EditingMessage)new ResyncRequest(backplane.InstanceId, scriptIds), "resync");
}
