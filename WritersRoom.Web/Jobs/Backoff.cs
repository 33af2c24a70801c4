namespace WritersRoom.Web.Jobs;

/// <summary>Exponential backoff for a failed item: base × 2^(attempt−1), capped (as the scene job's SQL computes it).</summary>
public static class Backoff
{
    public static TimeSpan Delay(JobsOptions options, int attempt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var seconds = Math.Min(options.RetryMaxDelay.TotalSeconds, options.RetryBaseDelay.TotalSeconds * factor);
        return TimeSpan.FromSeconds(seconds);
    }
}
