using WritersRoom.Core.Scripts;

namespace WritersRoom.Data.Entities;

public class ScriptMember
{
    public Guid ScriptId { get; set; }
    public required string UserId { get; set; }
    public ScriptRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; } = DateTimeOffset.UtcNow;

    public Script? Script { get; set; }
    public AppUser? User { get; set; }
}
