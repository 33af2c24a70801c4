using WritersRoom.Web.Editing.Comments;

namespace WritersRoom.Web.Editing;

/// <summary>
/// Something besides the text changed on a script (comments, history, revision mode), told to every editor
/// attached to the live session through the same fan-out as the text, so panels update without polling.
/// </summary>
public abstract record SessionEvent;

/// <summary>A comment thread was created, answered, resolved or reopened; <see cref="Thread"/> is null when it was deleted.</summary>
public sealed record CommentThreadChanged(Guid ThreadId, CommentThreadView? Thread) : SessionEvent;

/// <summary>A snapshot was written (automatic, named, or before a bulk change).</summary>
public sealed record HistoryChanged(Guid SnapshotId) : SessionEvent;

/// <summary>Revision mode was switched, or its colour changed.</summary>
public sealed record RevisionChanged(bool On, string? Color) : SessionEvent;
