using Npgsql;
using WritersRoom.Web.Jobs;

namespace WritersRoom.Web.Observability.Database;

/// <summary>
/// Job runs, failures and the work queue, read on demand (at most every <see cref="DatabaseActivityProbe.MinInterval"/>):
/// the jobs record their runs in job_runs (shared by every instance), and the queue is the scenes whose summary
/// was made from older text. Which jobs run right now on this instance comes from <see cref="JobStatusBoard"/>.
/// </summary>
public sealed class JobActivityProbe(NpgsqlDataSource dataSource, TimeProvider clock, IServiceProvider services, ILogger<JobActivityProbe> log)
{
    private readonly Lock _gate = new();
    private Task<JobActivity>? _current;
    private DateTimeOffset _startedAt;

    public Task<JobActivity> GetAsync()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_current is null || now - _startedAt >= DatabaseActivityProbe.MinInterval)
            {
                _startedAt = now;
                _current = ReadAsync(now);
            }
            return _current;
        }
    }

    private async Task<JobActivity> ReadAsync(DateTimeOffset at)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var ct = timeout.Token;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var jobs = await JobsAsync(connection, ct);
            var board = services.GetService<JobStatusBoard>();
            jobs = jobs.Select(j => j with { RunningSince = board?.RunningSince(j.Job) }).ToList();
            // The scenes whose summary or vector was made from older text: an index-only count of the job's partial index.
            await using var stale = new NpgsqlCommand(
                "SELECT count(*) FROM scenes WHERE summarized_hash IS DISTINCT FROM content_hash OR embedded_hash IS DISTINCT FROM content_hash", connection);
            var queue = (long)(await stale.ExecuteScalarAsync(ct))!;
            return new JobActivity(at, queue, jobs, null);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            log.LogWarning(e, "Reading job activity failed");
            return new JobActivity(at, 0, [], e.Message);
        }
    }

    private static async Task<List<JobSummary>> JobsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT last.job, last.started_at, last.duration_ms, last.failures, last.error,
                   coalesce(h.runs, 0), coalesce(h.failures, 0), coalesce(h.items, 0), coalesce(h.p95, 0)
            FROM (SELECT DISTINCT ON (job) job, started_at, duration_ms, failures, error
                  FROM job_runs ORDER BY job, started_at DESC) AS last
            LEFT JOIN (SELECT job, count(*)::int AS runs, sum(failures)::int AS failures, sum(items_done)::int AS items,
                              percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
                       FROM job_runs WHERE started_at > now() - interval '1 hour' GROUP BY job) AS h ON h.job = last.job
            ORDER BY last.job
            LIMIT 50
            """, connection);
        var rows = new List<JobSummary>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new JobSummary(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetDouble(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetDouble(8), null));
        }
        return rows;
    }
}

/// <param name="StaleScenes">Scenes whose summary or embedding is older than their text: the scene job's queue.</param>
public sealed record JobActivity(DateTimeOffset At, long StaleScenes, IReadOnlyList<JobSummary> Jobs, string? Error);

public sealed record JobSummary(
    string Job, DateTimeOffset LastStartedAt, double LastDurationMs, int LastFailures, string? LastError,
    int RunsLastHour, int FailuresLastHour, int ItemsLastHour, double P95MsLastHour, DateTimeOffset? RunningSince);
