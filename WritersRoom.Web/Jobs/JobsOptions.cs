using System.ComponentModel.DataAnnotations;

namespace WritersRoom.Web.Jobs;

/// <summary>Settings of the background jobs (section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Runs the scheduler; tests that drive the jobs directly turn it off.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>Quartz's ADO store on the application's Postgres, so several instances run each job once.</summary>
    public bool Clustered { get; set; }

    /// <summary>How long a scene must be quiet after an edit before it is summarised and embedded.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Scenes per batch: one embedding call and one write per batch.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Batches one run may process before yielding to the next trigger.</summary>
    [Range(1, 100_000)]
    public int MaxBatchesPerRun { get; set; } = 100;

    /// <summary>Pooled connections all jobs together may hold at once.</summary>
    [Range(1, 50)]
    public int MaxConnections { get; set; } = 2;

    /// <summary>Scene summaries requested from a model at once.</summary>
    [Range(1, 32)]
    public int SummaryConcurrency { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan SceneInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan CastInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan OutlineInterval { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan SheetInterval { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan ConversationInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Characters (by scene count) that get an AI-drafted sheet.</summary>
    [Range(0, 100)]
    public int MainCharacters { get; set; } = 8;

    /// <summary>
    /// Recent messages left out of a rolling summary (the chat sends them verbatim). When a thread is summarised is the
    /// assistant's setting, <c>Assistant:SummarizeAfterMessages</c>; this is capped below it.
    /// </summary>
    [Range(0, 1000)]
    public int KeepRecentMessages { get; set; } = 10;

    internal static bool HasValidDurations(JobsOptions o) =>
        o.Debounce >= TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay
        && o.SceneInterval > TimeSpan.Zero && o.CastInterval > TimeSpan.Zero && o.OutlineInterval > TimeSpan.Zero
        && o.SheetInterval > TimeSpan.Zero && o.ConversationInterval > TimeSpan.Zero;
}
