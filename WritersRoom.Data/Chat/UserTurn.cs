namespace WritersRoom.Data.Chat;

/// <summary>
/// A user's message to append. <see cref="IdempotencyKey"/> comes from the client per send: the same key twice
/// stores one message. <see cref="NewConversationTitle"/> set means "create the thread if it does not exist".
/// </summary>
public sealed record UserTurn(Guid ConversationId, Guid ScriptId, string UserId, string Text, string IdempotencyKey, string? NewConversationTitle);
