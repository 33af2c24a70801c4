using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Scripts;

/// <summary>A whole script as loaded for display or for a live session: scenes in order, each with its blocks in order.</summary>
public sealed record ScriptDocument(Script Script, IReadOnlyList<SceneDocument> Scenes)
{
    public int BlockCount => Scenes.Sum(s => s.Blocks.Count);
}

public sealed record SceneDocument(Scene Scene, IReadOnlyList<Block> Blocks);
