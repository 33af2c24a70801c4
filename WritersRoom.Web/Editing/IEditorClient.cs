namespace WritersRoom.Web.Editing;

/// <summary>
/// One attached editor (a circuit, or a simulated writer in tests). The session calls these under its lock, in
/// the order it applied the operations, so implementations only enqueue and never block or throw.
/// </summary>
public interface IEditorClient
{
    void OnUpdate(EditorUpdate update);

    /// <summary>These operations are durable in the database.</summary>
    void OnCommitted(IReadOnlyList<Guid> opIds);

    void OnRejected(OpRejection rejection);

    void OnPresence(IReadOnlyList<PresenceEntry> presence);

    /// <summary>Comments, history or revision mode changed. Optional: a client that shows none of them ignores it.</summary>
    void OnEvent(SessionEvent sessionEvent) { }
}
