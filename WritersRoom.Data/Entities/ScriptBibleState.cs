namespace WritersRoom.Data.Entities;

/// <summary>What the bible jobs last derived a script's cast from, so an unchanged script is skipped.</summary>
public class ScriptBibleState
{
    public Guid ScriptId { get; set; }

    /// <summary>Fingerprint of the scene hashes in order when characters and locations were last detected.</summary>
    public string? CastSourceHash { get; set; }
    public DateTimeOffset? CastUpdatedAt { get; set; }
}
