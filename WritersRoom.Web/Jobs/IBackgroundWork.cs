namespace WritersRoom.Web.Jobs;

/// <summary>The body of a job: one idempotent pass over the work the database says is pending.</summary>
public interface IBackgroundWork
{
    Task<WorkResult> RunAsync(CancellationToken ct);
}

public readonly record struct WorkResult(int ItemsDone, int Failures = 0, string? Error = null);
