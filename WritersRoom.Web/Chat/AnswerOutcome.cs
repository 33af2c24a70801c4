using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>How the stream ended, filled in by <see cref="AnswerStreamer"/> as it goes.</summary>
public sealed class AnswerOutcome
{
    public MessageStatus Status { get; set; } = MessageStatus.Complete;
    public string? Error { get; set; }
    public string? Model { get; set; }
    public int? PromptTokens { get; set; }
    public int? CompletionTokens { get; set; }
}
