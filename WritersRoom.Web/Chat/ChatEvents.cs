using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// One send (or retry) of a message. A retry reuses <see cref="IdempotencyKey"/>: the user's message is not
/// stored twice and the answer rewrites the same assistant row.
/// </summary>
public sealed record ChatTurnRequest(Guid ScriptId, Guid ConversationId, bool NewConversation, string Text, string IdempotencyKey, string? Selection = null)
{
    public string UserKey => IdempotencyKey + ":user";
    public string AssistantKey => IdempotencyKey + ":assistant";
}

/// <summary>What the UI hears from a turn, in order.</summary>
public abstract record ChatEvent;

public sealed record TurnRejected(string Reason) : ChatEvent;

public sealed record UserMessageStored(Guid ConversationId, Guid MessageId) : ChatEvent;

public sealed record AnswerDelta(string Text) : ChatEvent;

public sealed record AnswerFinished(Message Message) : ChatEvent;
