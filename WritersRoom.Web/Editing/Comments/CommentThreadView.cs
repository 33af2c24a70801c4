namespace WritersRoom.Web.Editing.Comments;

/// <summary>One comment of a thread.</summary>
public sealed record CommentView(Guid Id, string AuthorId, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>
/// A thread on one paragraph: its first comment and the replies, oldest first. <see cref="Position"/> is the
/// paragraph's place in the script (threads list in reading order); null when the paragraph no longer exists.
/// </summary>
public sealed record CommentThreadView(Guid Id, Guid BlockId, bool Resolved, DateTimeOffset? ResolvedAt, string? ResolvedByName,
    IReadOnlyList<CommentView> Comments, int? Position, string Excerpt, string? ParagraphType)
{
    public bool ParagraphDeleted => Position is null;
}
