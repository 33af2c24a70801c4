using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// One send (or retry) of a message. A retry reuses <see cref="IdempotencyKey"/>: the user's message is not
/// stored twice and the answer rewrites the same assistant row. <see cref="SceneId"/> is the scene the writer's cursor
/// is in and <see cref="Selection"/> the text selected there, sent by the panel beside the editor (the pipeline checks
/// that the scene is in the script).
/// </summary>
public sealed record ChatTurnRequest(Guid ScriptId, Guid ConversationId, bool NewConversation, string Text, string IdempotencyKey, string? Selection = null,
    Guid? SceneId = null)
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
