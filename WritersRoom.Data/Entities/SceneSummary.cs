namespace WritersRoom.Data.Entities;

public class SceneSummary
{
    public Guid SceneId { get; set; }
    public Guid ScriptId { get; set; }
    public required string Summary { get; set; }
    public required string SourceHash { get; set; }
    public required string Model { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
