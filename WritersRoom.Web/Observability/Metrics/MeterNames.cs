namespace WritersRoom.Web.Observability.Metrics;

/// <summary>
/// The meters the performance page listens to. Each area publishes under its own name; the aggregator needs no
/// reference to the area, only to the name, so a new instrument shows up on the page without changes here.
/// </summary>
public static class MeterNames
{
    /// <summary>Chat pipeline: a histogram in milliseconds with a <c>step</c> tag (access, conversation, …).</summary>
    public const string Chat = "WritersRoom.Chat";
    public const string Editing = "WritersRoom.Editing";
    public const string Jobs = "WritersRoom.Jobs";
    public const string Cache = "WritersRoom.Cache";
    public const string Ai = "WritersRoom.Ai";
    public const string Redis = "WritersRoom.Redis";
    /// <summary>Our own database timings: connection-open wait, command durations, slow queries.</summary>
    public const string Database = "WritersRoom.Db";
    public const string Process = "WritersRoom.Process";
    /// <summary>Npgsql's own meter: pool counts, pending requests, timeouts, connection create time.</summary>
    public const string Npgsql = "Npgsql";

    public static readonly IReadOnlyList<string> All = [Chat, Editing, Jobs, Cache, Ai, Redis, Database, Process, Npgsql];
}
