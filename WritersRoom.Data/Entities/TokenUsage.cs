namespace WritersRoom.Data.Entities;

/// <summary>Daily roll-up per user, script and model; only ever changed by atomic increments.</summary>
public class TokenUsage
{
    public DateOnly Day { get; set; }
    public required string UserId { get; set; }
    public Guid ScriptId { get; set; }
    public required string Model { get; set; }
    public long PromptTokens { get; set; }
    public long CompletionTokens { get; set; }
    public long Calls { get; set; }
}
