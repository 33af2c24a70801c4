namespace WritersRoom.Web.Editing;

/// <summary>Settings of the live editing sessions (section "Editing").</summary>
public sealed class EditingOptions
{
    public const string SectionName = "Editing";

    /// <summary>How long the writer gathers operations into one transaction; "tens of milliseconds" at most.</summary>
    public TimeSpan CommitWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A session nobody has used for this long is unloaded (its writes done first).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
