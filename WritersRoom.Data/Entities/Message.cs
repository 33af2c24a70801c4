namespace WritersRoom.Data.Entities;

public enum MessageRole
{
    User,
    Assistant,
}

public enum MessageStatus
{
    Streaming,
    Complete,
    Failed,
    Incomplete,
}

public class Message
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ConversationId { get; set; }
    public MessageRole Role { get; set; }
    public MessageStatus Status { get; set; } = MessageStatus.Complete;
    public string Content { get; set; } = "";

    /// <summary>Scenes the answer drew on, in the order cited.</summary>
    public List<Citation> Citations { get; set; } = [];

    /// <summary>Rewrites the assistant proposed through its tool in this answer, each with what the writers decided.</summary>
    public List<RewriteProposal> Proposals { get; set; } = [];

    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }

    /// <summary>Milliseconds per pipeline step (access, conversation, intent, context, generation…).</summary>
    public Dictionary<string, double> Timings { get; set; } = [];

    /// <summary>Makes a resent or retried turn harmless: unique within the conversation.</summary>
    public string? IdempotencyKey { get; set; }
    public string? Model { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// A scene an answer cites. <see cref="Ordinal"/> is the N of the <c>[Scene N]</c> marker in the answer (the scene's
/// position in the script), which the chat turns into this link; <see cref="SceneNumber"/> is what the writer sees.
/// </summary>
public sealed record Citation(Guid SceneId, string? SceneNumber, string Heading, List<Guid>? BlockIds = null, int? Ordinal = null);
