namespace WritersRoom.Data.Entities;

/// <summary>What the bible jobs last derived a script's cast from, so an unchanged script is skipped.</summary>
public class ScriptBibleState
{
    public Guid ScriptId { get; set; }

    /// <summary>Fingerprint of the scene hashes in order when characters and locations were last detected.</summary>
    public string? CastSourceHash { get; set; }
    public DateTimeOffset? CastUpdatedAt { get; set; }

    /// <summary>When the outline job last drafted; a script is drafted once by itself, then only when asked.</summary>
    public DateTimeOffset? OutlineDraftedAt { get; set; }

    /// <summary>When a writer asked for a new outline draft; the job drafts when this is later than the last draft.</summary>
    public DateTimeOffset? OutlineRequestedAt { get; set; }
}
