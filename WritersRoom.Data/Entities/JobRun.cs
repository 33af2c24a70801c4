namespace WritersRoom.Data.Entities;

/// <summary>One run of a background job, for the admin jobs page: kept in the database so every instance sees them.</summary>
public class JobRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Job { get; set; }
    public string? Instance { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public double DurationMs { get; set; }
    public int ItemsDone { get; set; }
    public int Failures { get; set; }
    public string? Error { get; set; }
}
