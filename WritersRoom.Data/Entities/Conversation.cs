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

    /// <summary>
    /// How many of <see cref="MessageCount"/> the summary covers: the summary job picks threads where the difference
    /// passes the threshold (an indexed expression, so the check reads no messages).
    /// </summary>
    public int SummarizedCount { get; set; }

    /// <summary>Failed smart-title attempts; the job backs off until <see cref="TitleRetryAt"/> and gives up after a few.</summary>
    public int TitleAttempts { get; set; }
    public DateTimeOffset? TitleRetryAt { get; set; }

    /// <summary>Failed summary attempts; the job backs off until <see cref="SummaryRetryAt"/>.</summary>
    public int SummaryAttempts { get; set; }
    public DateTimeOffset? SummaryRetryAt { get; set; }

    public int MessageCount { get; set; }
    public long TokenCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
