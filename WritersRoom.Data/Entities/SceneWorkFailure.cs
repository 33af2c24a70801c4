namespace WritersRoom.Data.Entities;

/// <summary>
/// A scene whose summary or embedding failed for the text with <see cref="SourceHash"/>: the job retries it
/// after <see cref="NextAttemptAt"/>, backing off per attempt. A new edit (another hash) retries at once.
/// </summary>
public class SceneWorkFailure
{
    public Guid SceneId { get; set; }
    public Guid ScriptId { get; set; }
    public required string SourceHash { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset FailedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}
