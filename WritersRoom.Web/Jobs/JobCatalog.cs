using Quartz;

namespace WritersRoom.Web.Jobs;

/// <summary>The jobs this app schedules, with their intervals, for registration and the admin page.</summary>
public sealed record JobDefinition(JobKey Key, Type JobType, Func<JobsOptions, TimeSpan> Interval, string Description);

public static class JobCatalog
{
    public const string Group = "bible";
    private static readonly List<JobDefinition> Definitions = [];

    public static IReadOnlyList<JobDefinition> All => Definitions;

    internal static void Add(JobDefinition definition)
    {
        lock (Definitions)
            if (!Definitions.Any(d => d.Key.Equals(definition.Key))) Definitions.Add(definition);
    }
}
