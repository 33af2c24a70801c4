namespace WritersRoom.Data.Entities;

/// <summary>A comment on a paragraph; replies point at the thread's first comment.</summary>
public class Comment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }
    public Guid BlockId { get; set; }
    public Guid? ThreadId { get; set; }
    public required string AuthorId { get; set; }
    public required string Text { get; set; }
    public bool Resolved { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
