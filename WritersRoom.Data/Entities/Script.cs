using WritersRoom.Core.Screenplay;

namespace WritersRoom.Data.Entities;

public class Script
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public string? Logline { get; set; }

    /// <summary>Title page fields in order (Title, Credit, Author, Draft date, Contact…).</summary>
    public List<TitleEntry> TitlePage { get; set; } = [];

    /// <summary>Bumped by every change to the script's text; orders writes across instances.</summary>
    public long Version { get; set; }

    public bool RevisionMode { get; set; }
    public string? RevisionColor { get; set; }
    public bool SceneNumbersLocked { get; set; }

    /// <summary>Document-level data of the imported file we do not model (Final Draft's page layout, settings…), written back on export.</summary>
    public FormatExtras? Extras { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public List<ScriptMember> Members { get; set; } = [];
    public List<Scene> Scenes { get; set; } = [];
}
