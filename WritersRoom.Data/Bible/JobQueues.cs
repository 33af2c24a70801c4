using Npgsql;

namespace WritersRoom.Data.Bible;

/// <summary>How much work waits for each job, debounce and backoff aside: what the admin jobs page calls queue depth.</summary>
public sealed record JobQueueDepths(long Scenes, long Cast, long Sheets, long Outlines, long Titles, long Summaries);

/// <summary>
/// Counts every job's pending work in one round trip, straight from the state the jobs run on. Admin-page reads on the
/// shared pool (never the jobs' gated connections, which a busy job may hold).
/// </summary>
public sealed class JobQueues(NpgsqlDataSource dataSource)
{
    private const string Sql = $"""
        SELECT
          {SceneWorkStore.StaleCount},
          (SELECT count(*) FROM (SELECT script_id, md5(string_agg(content_hash, ',' ORDER BY rank)) AS fingerprint FROM scenes GROUP BY script_id) f
           LEFT JOIN script_bible_states b ON b.script_id = f.script_id
           WHERE b.cast_source_hash IS DISTINCT FROM f.fingerprint),
          (SELECT count(*) FROM ({DraftStore.SheetCandidates}) c),
          (SELECT count(*) FROM ({DraftStore.OutlineCandidates}) o),
          (SELECT count(*) FROM conversations WHERE auto_titled AND message_count >= 2),
          (SELECT count(*) FROM conversations WHERE (message_count - summarized_count) > @threshold)
        """;

    public async Task<JobQueueDepths> DepthsAsync(string embeddingModel, int mainCharacters, int summaryThreshold, DateTimeOffset quietBefore, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("model", embeddingModel);
        command.Parameters.AddWithValue("main", mainCharacters);
        command.Parameters.AddWithValue("threshold", summaryThreshold);
        command.Parameters.AddWithValue("quiet", quietBefore.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new JobQueueDepths(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }
}
