namespace WritersRoom.Web.Editing;

/// <summary>
/// Carries what a session did to the other instances on the script (Redis when configured). Every call is made on a
/// hot path (the commit loop, or under a session's lock), so implementations only enqueue: never block, never throw.
/// </summary>
public interface IEditingFanOut
{
    /// <summary>A batch is durable in the database: other instances apply its rows to their live copies.</summary>
    void Committed(CommitBatch batch);

    /// <summary>The writers on this instance moved (joined, left, changed paragraph).</summary>
    void PresenceChanged(Guid scriptId, IReadOnlyList<PresenceEntry> local);

    /// <summary>A session was just loaded here: other instances are asked who is on the script.</summary>
    void SessionLoaded(Guid scriptId);

    /// <summary>Something besides the text changed (comments, history, revision mode): the other instances' editors hear it too.</summary>
    void EventPublished(Guid scriptId, SessionEvent sessionEvent);
}

/// <summary>A single instance: nobody else to tell.</summary>
public sealed class NoFanOut : IEditingFanOut
{
    public static readonly NoFanOut Instance = new();

    public void Committed(CommitBatch batch) { }
    public void PresenceChanged(Guid scriptId, IReadOnlyList<PresenceEntry> local) { }
    public void SessionLoaded(Guid scriptId) { }
    public void EventPublished(Guid scriptId, SessionEvent sessionEvent) { }
}
