using Npgsql;

namespace WritersRoom.Web.Observability.Database;

/// <summary>
/// Reads pg_stat_activity, lock waits and pg_stat_user_tables only when the performance page asks, and at most
/// once per <see cref="MinInterval"/> however many admins watch: concurrent callers share one cached task.
/// </summary>
public sealed class DatabaseActivityProbe(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<DatabaseActivityProbe> log)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private Task<DatabaseActivity>? _current;
    private DateTimeOffset _startedAt;
    private Dictionary<string, long> _previousScans = new(StringComparer.Ordinal);

    public Task<DatabaseActivity> GetAsync()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_current is null || now - _startedAt >= MinInterval)
            {
                _startedAt = now;
                _current = ReadAsync(now);
            }
            return _current;
        }
    }

    private async Task<DatabaseActivity> ReadAsync(DateTimeOffset at)
    {
        // Not the caller's token: the result is shared with other viewers and cached.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var ct = timeout.Token;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var (server, vector) = await VersionsAsync(connection, ct);
            var (active, idle) = await SessionCountsAsync(connection, ct);
            var sessions = await SessionsAsync(connection, ct);
            var locks = await LockWaitsAsync(connection, ct);
            var scans = await ScansAsync(connection, ct);
            return new DatabaseActivity(at, server, vector, active, idle, sessions, locks, scans);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            log.LogWarning(e, "Reading database activity failed");
            return DatabaseActivity.Failed(at, e.Message);
        }
    }

    public static async Task<(string Server, string? Vector)> VersionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'vector')", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static async Task<(int Active, int Idle)> SessionCountsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE state <> 'idle')::int, count(*) FILTER (WHERE state = 'idle')::int
            FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
            """, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static async Task<List<SessionActivity>> SessionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT pid, coalesce(state, ''), wait_event_type, wait_event,
                   coalesce(extract(epoch FROM clock_timestamp() - query_start) * 1000, 0)::float8, left(query, 500)
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'
              AND backend_type = 'client backend'
            ORDER BY query_start NULLS LAST
            LIMIT 20
            """, connection);
        var rows = new List<SessionActivity>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new SessionActivity(reader.GetInt32(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetDouble(4), SqlNormalizer.Normalize(reader.IsDBNull(5) ? "" : reader.GetString(5))));
        }
        return rows;
    }

    private static async Task<List<LockWait>> LockWaitsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT pid, pg_blocking_pids(pid),
                   coalesce(extract(epoch FROM clock_timestamp() - query_start) * 1000, 0)::float8, left(query, 500)
            FROM pg_stat_activity
            WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0
            LIMIT 20
            """, connection);
        var rows = new List<LockWait>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new LockWait(reader.GetInt32(0), reader.GetFieldValue<int[]>(1), reader.GetDouble(2),
                SqlNormalizer.Normalize(reader.IsDBNull(3) ? "" : reader.GetString(3))));
        }
        return rows;
    }

    private async Task<List<TableScans>> ScansAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup
            FROM pg_stat_user_tables
            ORDER BY seq_tup_read DESC
            LIMIT 15
            """, connection);
        var rows = new List<(string Table, long Seq, long SeqRows, long Idx, long Live)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        var previous = _previousScans;
        _previousScans = rows.ToDictionary(r => r.Table, r => r.Seq, StringComparer.Ordinal);
        return rows.Select(r => new TableScans(r.Table, r.Seq, r.SeqRows, r.Idx, r.Live,
            previous.TryGetValue(r.Table, out var before) ? Math.Max(0, r.Seq - before) : 0)).ToList();
    }
}
