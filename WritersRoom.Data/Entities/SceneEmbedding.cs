using Pgvector;

namespace WritersRoom.Data.Entities;

/// <summary>
/// One scene's vector for one embedding model. Keyed by model too, so a model change re-embeds in the
/// background while search keeps using the old vectors.
/// </summary>
public class SceneEmbedding
{
    public Guid SceneId { get; set; }
    public required string Model { get; set; }
    public Guid ScriptId { get; set; }
    public required Vector Embedding { get; set; }
    public int Dimensions { get; set; }
    public required string SourceHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
