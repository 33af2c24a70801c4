namespace WritersRoom.Data.Chat;

/// <summary>One thread in the list beside the chat: <see cref="Mine"/> when the caller wrote it (and so may rename, share or delete it).</summary>
public sealed record ThreadSummary(Guid Id, string Title, bool Shared, bool Mine, string Author, int MessageCount, DateTimeOffset UpdatedAt);
