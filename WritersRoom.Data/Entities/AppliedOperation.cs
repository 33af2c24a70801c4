namespace WritersRoom.Data.Entities;

/// <summary>An editor operation already applied, so that a resend after a reconnect or restart is applied once.</summary>
public class AppliedOperation
{
    public Guid OpId { get; set; }
    public Guid ScriptId { get; set; }
    public long ScriptVersion { get; set; }
    public DateTimeOffset AppliedAt { get; set; } = DateTimeOffset.UtcNow;
}
