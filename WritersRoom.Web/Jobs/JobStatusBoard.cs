using System.Collections.Concurrent;

namespace WritersRoom.Web.Jobs;

/// <summary>Which jobs are running on this instance right now (the database holds the history).</summary>
public sealed class JobStatusBoard
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _running = new();

    public void Started(string job) => _running[job] = DateTimeOffset.UtcNow;
    public void Finished(string job) => _running.TryRemove(job, out _);
    public DateTimeOffset? RunningSince(string job) => _running.TryGetValue(job, out var at) ? at : null;
}
