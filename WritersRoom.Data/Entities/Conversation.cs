namespace WritersRoom.Data.Entities;

public class Conversation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }
    public required string CreatedById { get; set; }
    public required string Title { get; set; }

    /// <summary>True while the title is still the first words of the first message; the title job replaces it.</summary>
    public bool AutoTitled { get; set; } = true;

    /// <summary>Visible to every member of the script, not only to its author.</summary>
    public bool Shared { get; set; }

    /// <summary>Rolling summary of the messages before <see cref="SummarizedThrough"/>.</summary>
    public string? Summary { get; set; }
    public DateTimeOffset? SummarizedThrough { get; set; }

    public int MessageCount { get; set; }
    public long TokenCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
