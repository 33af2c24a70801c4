using Microsoft.EntityFrameworkCore;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Bible;

/// <summary>Stores job runs and reads the latest per job for the admin page.</summary>
public sealed class JobRunLog(JobConnectionGate gate)
{
    public async Task RecordAsync(JobRun run, CancellationToken ct)
    {
        await using var lease = await gate.CreateContextAsync(ct);
        lease.Value.JobRuns.Add(run);
        await lease.Value.SaveChangesAsync(ct);
    }

    /// <summary>The latest run of each job, and the latest failed one, in one query each.</summary>
    public async Task<(List<JobRun> Latest, List<JobRun> LatestFailures)> LatestAsync(CancellationToken ct)
    {
        await using var lease = await gate.CreateContextAsync(ct);
        var db = lease.Value;
        var latest = await db.JobRuns.FromSqlRaw("SELECT DISTINCT ON (job) * FROM job_runs ORDER BY job, started_at DESC").AsNoTracking().ToListAsync(ct);
        var failures = await db.JobRuns.FromSqlRaw("SELECT DISTINCT ON (job) * FROM job_runs WHERE failures > 0 ORDER BY job, started_at DESC").AsNoTracking().ToListAsync(ct);
        return (latest, failures);
    }

    public async Task<int> CountAsync(string job, CancellationToken ct)
    {
        await using var lease = await gate.CreateContextAsync(ct);
        return await lease.Value.JobRuns.CountAsync(r => r.Job == job, ct);
    }
}
