namespace WritersRoom.Data.Entities;

/// <summary>
/// A comment on a paragraph; replies point at the thread's first comment, which alone carries the resolved state.
/// No foreign key to the block: a comment outlives its paragraph (deleted, then restored from history or undone),
/// and a comment may be made on a paragraph the group commit has not written yet.
/// </summary>
public class Comment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }
    public Guid BlockId { get; set; }
    public Guid? ThreadId { get; set; }
    public required string AuthorId { get; set; }
    public required string Text { get; set; }
    public bool Resolved { get; set; }
    public string? ResolvedById { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
