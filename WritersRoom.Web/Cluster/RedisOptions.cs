using System.ComponentModel.DataAnnotations;

namespace WritersRoom.Web.Cluster;

/// <summary>
/// Redis for running several instances (section <c>Redis</c>). Without <see cref="Connection"/> an instance works
/// alone, exactly as a single instance always has.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379</c> or <c>host:6379,password=…,ssl=true</c>.</summary>
    public string? Connection { get; set; }

    /// <summary>Prefix of the pub/sub channels, so several deployments (or tests) can share one Redis.</summary>
    [Required, MinLength(1)]
    public string Prefix { get; set; } = "writersroom";

    /// <summary>How often each instance repeats who is on its live scripts.</summary>
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Another instance's writers vanish if it has not repeated them for this long (it died, or lost Redis).</summary>
    public TimeSpan PresenceExpiry { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Connection);

    internal static bool HasValidDurations(RedisOptions o) =>
        o.PresenceInterval > TimeSpan.Zero && o.PresenceExpiry > o.PresenceInterval;
}
