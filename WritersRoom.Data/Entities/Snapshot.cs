namespace WritersRoom.Data.Entities;

public enum SnapshotKind
{
    Auto,
    Named,
    BeforeBulkChange,
    BeforeRestore,
    BeforeAiRewrite,
}

/// <summary>A whole version of a script, stored as JSON so restore and comparison need no joins.</summary>
public class Snapshot
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }
    public SnapshotKind Kind { get; set; }
    public string? Name { get; set; }
    public string? CreatedById { get; set; }
    public long ScriptVersion { get; set; }
    public int SceneCount { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
