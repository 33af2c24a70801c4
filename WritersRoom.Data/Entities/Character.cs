namespace WritersRoom.Data.Entities;

public class Character
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }

    /// <summary>The folded cue name: "WILL (V.O.)" and "WILL (CONT'D)" are both WILL.</summary>
    public required string Name { get; set; }
    public int SceneCount { get; set; }
    public int LineCount { get; set; }
    public Guid? FirstSceneId { get; set; }

    /// <summary>The sheet the writer approved or wrote; drafts never overwrite it silently.</summary>
    public string? Sheet { get; set; }
    public string? DraftSheet { get; set; }
    public DraftStatus DraftStatus { get; set; }

    /// <summary>The presence (scenes, lines, first scene) the last draft was made from: a new draft only when it changes.</summary>
    public string? DraftSourceHash { get; set; }
    public DateTimeOffset? DraftedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
