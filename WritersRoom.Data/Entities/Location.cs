namespace WritersRoom.Data.Entities;

public class Location
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }
    public required string Name { get; set; }
    public int SceneCount { get; set; }
    public Guid? FirstSceneId { get; set; }
}
