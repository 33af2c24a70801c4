namespace WritersRoom.Data.Chat;

/// <summary>
/// A user's message to append. <see cref="IdempotencyKey"/> comes from the client per send: the same key twice
/// stores one message. <see cref="NewConversationTitle"/> set means "create the thread if it does not exist".
/// <see cref="HistoryWindow"/> above 0 reads the thread's summary and newest messages in the same round trip.
/// </summary>
public sealed record UserTurn(Guid ConversationId, Guid ScriptId, string UserId, string Text, string IdempotencyKey, string? NewConversationTitle,
    int HistoryWindow = 0);

/// <summary>The stored message, and the thread's history when the turn asked for it (null otherwise).</summary>
public sealed record StoredUserMessage(Guid MessageId, bool Inserted, ThreadHistory? History);

/// <summary>A thread's rolling summary and its newest messages after it, oldest first.</summary>
public sealed record ThreadHistory(string? Summary, IReadOnlyList<RecentMessage> Recent);
