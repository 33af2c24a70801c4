using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Chat;

/// <summary>A message as the next prompt replays it.</summary>
public sealed record RecentMessage(Guid Id, MessageRole Role, string Content, string? IdempotencyKey, DateTimeOffset CreatedAt);
