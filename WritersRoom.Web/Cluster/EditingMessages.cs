using System.Text.Json.Serialization;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Cluster;

/// <summary>
/// What instances tell each other about live scripts, as JSON on one Redis channel. <see cref="Origin"/> is the
/// sending instance (an instance ignores its own messages).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CommitMessage), "commit")]
[JsonDerivedType(typeof(PresenceMessage), "presence")]
[JsonDerivedType(typeof(PresenceRequest), "who")]
[JsonDerivedType(typeof(ResyncRequest), "resync")]
[JsonDerivedType(typeof(SessionEventMessage), "event")]
public abstract record EditingMessage(string Origin);

/// <summary>
/// Rows an instance wrote for one script, sent after its commit. <see cref="Seq"/> counts this origin's commits of
/// the script one by one, so a receiver that sees a number skipped knows it missed one and re-reads the script.
/// </summary>
public sealed record CommitMessage(string Origin, Guid ScriptId, long Seq, DateTimeOffset SentAt, RemoteChange Change) : EditingMessage(Origin);

/// <summary>The writers on the origin instance for one script (empty: none any more), valid for <see cref="ValidFor"/> unless repeated.</summary>
public sealed record PresenceMessage(string Origin, Guid ScriptId, IReadOnlyList<PresenceEntry> Entries, TimeSpan ValidFor) : EditingMessage(Origin);

/// <summary>The origin just opened the script: whoever has writers on it says so now rather than at the next repeat.</summary>
public sealed record PresenceRequest(string Origin, Guid ScriptId) : EditingMessage(Origin);

/// <summary>The origin may have missed messages (it was cut off from Redis): re-read these scripts from the database.</summary>
public sealed record ResyncRequest(string Origin, IReadOnlyList<Guid> ScriptIds) : EditingMessage(Origin);

/// <summary>
/// A change besides the text (a comment thread, a snapshot written, revision mode) on the origin's live session; one
/// of the three is set.
/// </summary>
public sealed record SessionEventMessage(string Origin, Guid ScriptId, CommentThreadChanged? Comment, HistoryChanged? History,
    RevisionChanged? Revision) : EditingMessage(Origin)
{
    public static SessionEventMessage From(string origin, Guid scriptId, SessionEvent sessionEvent) => sessionEvent switch
    {
        CommentThreadChanged comment => new(origin, scriptId, comment, null, null),
        HistoryChanged history => new(origin, scriptId, null, history, null),
        RevisionChanged revision => new(origin, scriptId, null, null, revision),
        _ => throw new ArgumentOutOfRangeException(nameof(sessionEvent), sessionEvent.GetType().Name, "Unknown session event"),
    };

    public SessionEvent? Event => (SessionEvent?)Comment ?? (SessionEvent?)History ?? Revision;
}
