using WritersRoom.Core.Screenplay;

namespace WritersRoom.Data.Entities;

/// <summary>One paragraph of the script, ordered within its scene by <see cref="Rank"/>.</summary>
public class Block
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }
    public Guid SceneId { get; set; }
    public required string Rank { get; set; }
    public ElementType Type { get; set; }
    public string Text { get; set; } = "";
    public string? Extension { get; set; }
    public bool Dual { get; set; }
    public int? Level { get; set; }

    /// <summary>Incremented on every change to this paragraph; a stale base version is merged, not dropped.</summary>
    public long Version { get; set; }

    /// <summary>Revision colour that marked this paragraph as changed (revision mode), or null.</summary>
    public string? RevisionColor { get; set; }

    /// <summary>
    /// The paragraph's text came from an assistant's rewrite the writers applied (kept through later edits of it, as the
    /// text still derives from it; cleared with the revision marks). A column of its own, not a suffix on the colour:
    /// the colour is read by the exports and the FDX round trip, and the two marks are independent.
    /// </summary>
    public bool AiAssisted { get; set; }

    /// <summary>What the imported file said about this paragraph that we do not model (jsonb; null for nearly every row).</summary>
    public FormatExtras? Extras { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public string? UpdatedBy { get; set; }

    public Scene? Scene { get; set; }
}
