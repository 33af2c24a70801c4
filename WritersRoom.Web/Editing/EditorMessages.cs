namespace WritersRoom.Web.Editing;

/// <summary>A paragraph as the browser sees it. <see cref="After"/> is the paragraph before it in reading order.</summary>
public sealed record BlockState(Guid Id, string Type, string Text, long Version, Guid? After, string? RevisionColor, bool AiAssisted = false);

/// <summary>
/// What one applied operation changed, sent to every writer on the script in the order the session applied them.
/// <see cref="OpId"/> lets the author recognise the echo of its own edit. <see cref="Rewrite"/> names the proposal of an
/// AI rewrite applied or undone (<see cref="By"/> did it), so that writer's editor can put it in its own undo order.
/// </summary>
public sealed record EditorUpdate(Guid OpId, string Kind, string? By, IReadOnlyList<BlockState> Blocks, IReadOnlyList<Guid> Deleted,
    bool Structure, bool Resync, RewriteTag? Rewrite = null);

/// <summary>The AI rewrite an update carries: proposal <see cref="ProposalId"/> of message <see cref="MessageId"/>, applied or (<see cref="Undone"/>) undone.</summary>
public sealed record RewriteTag(Guid MessageId, Guid ProposalId, bool Undone);

/// <summary>The whole script for a newly opened editor or a resync.</summary>
public sealed record EditorSnapshot(Guid ScriptId, long Version, IReadOnlyList<BlockState> Blocks);

/// <summary>An operation refused, with the reason the writer is shown.</summary>
public sealed record OpRejection(Guid OpId, string Reason);

/// <summary>One writer present on the script: where they are and their colour.</summary>
public sealed record PresenceEntry(string UserId, string Name, string Color, Guid? SceneId, Guid? BlockId, int? Offset);
