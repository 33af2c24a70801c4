using Npgsql;
using NpgsqlTypes;
using Pgvector;
using WritersRoom.Core.Bible;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Data.Bible;

/// <summary>
/// The state behind the summary and embedding job, all in the database: which scenes are stale (their text
/// hash differs from their summary's or embedding's), which are backing off after a failure, and the
/// idempotent writes of results. Each call holds a gated connection only for its own queries.
/// </summary>
public sealed class SceneWorkStore(JobConnectionGate gate)
{
    // A scene is stale when its summary or its embedding for the current model was made from other text. The job
    // writes the hash (and model) it made them from on the scene row, with the results, so staleness is a row-local
    // test: a partial index (ix_scenes_stale) holds exactly the scenes whose text moved on, and a model change is
    // found through the index on embedded_model. Nothing scans every scene's summary and vector.
    internal const string HashStale = "(s.summarized_hash IS DISTINCT FROM s.content_hash OR s.embedded_hash IS DISTINCT FROM s.content_hash)";
    internal const string ModelStale = "(s.embedded_model < @model OR s.embedded_model > @model OR s.embedded_model IS NULL)";
    internal const string Stale = $"({HashStale} OR {ModelStale})";

    /// <summary>How many scenes are stale, counted through the two indexes rather than by a scan.</summary>
    internal const string StaleCount = $"""
        (SELECT count(*) FROM scenes s WHERE {HashStale}) + (SELECT count(*) FROM scenes s WHERE {ModelStale} AND NOT {HashStale})
        """;

    private const string StaleColumns = """
        s.id, s.script_id, s.content_hash,
        s.summarized_hash IS DISTINCT FROM s.content_hash AS needs_summary,
        (s.embedded_hash IS DISTINCT FROM s.content_hash OR s.embedded_model IS DISTINCT FROM @model) AS needs_embedding
        """;

    private const string NotBackingOff = """
        NOT EXISTS (SELECT 1 FROM scene_work_failures f WHERE f.scene_id = s.id AND f.source_hash = s.content_hash AND f.next_attempt_at > @now)
        """;

    // Each branch walks its own index in the job's order and stops at the limit; the union is small.
    internal const string StaleBatchSql = $"""
        WITH candidates AS (
            (SELECT s.id FROM scenes s
             WHERE {HashStale} AND s.content_changed_at <= @quiet_before AND {NotBackingOff}
             ORDER BY s.content_changed_at, s.id LIMIT @limit)
            UNION
            (SELECT s.id FROM scenes s
             WHERE {ModelStale} AND s.content_changed_at <= @quiet_before AND {NotBackingOff}
             ORDER BY s.content_changed_at, s.id LIMIT @limit))
        SELECT {StaleColumns}
        FROM scenes s JOIN candidates c ON c.id = s.id
        ORDER BY s.content_changed_at, s.id
        LIMIT @limit
        """;

    /// <summary>The next stale scenes that have been quiet since <paramref name="quietBefore"/> and are not backing off, oldest change first.</summary>
    public async Task<List<StaleScene>> NextStaleBatchAsync(string embeddingModel, DateTimeOffset quietBefore, DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        var connection = lease.Value;
        var heads = new List<(Guid Id, Guid ScriptId, string Hash, bool Summary, bool Embedding)>();
        await using (var command = new NpgsqlCommand(StaleBatchSql, connection))
        {
            command.Parameters.AddWithValue("model", embeddingModel);
            command.Parameters.AddWithValue("quiet_before", quietBefore.ToUniversalTime());
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                heads.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4)));
        }
        if (heads.Count == 0) return [];

        var paragraphs = await ReadParagraphsAsync(connection, heads.Select(h => h.Id).ToArray(), ct);
        return heads.Select(h => new StaleScene(h.Id, h.ScriptId, h.Hash, h.Summary, h.Embedding,
            paragraphs.TryGetValue(h.Id, out var p) ? p : [])).ToList();
    }

    /// <summary>Every block of the given scenes in one query, grouped by scene in rank order.</summary>
    public static async Task<Dictionary<Guid, List<SceneParagraph>>> ReadParagraphsAsync(NpgsqlConnection connection, Guid[] sceneIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, List<SceneParagraph>>();
        await using var command = new NpgsqlCommand(
            "SELECT scene_id, type, text FROM blocks WHERE scene_id = ANY(@ids) ORDER BY scene_id, rank", connection);
        command.Parameters.AddWithValue("ids", sceneIds);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var sceneId = reader.GetGuid(0);
            if (!result.TryGetValue(sceneId, out var list)) result[sceneId] = list = [];
            list.Add(new SceneParagraph(Enum.Parse<ElementType>(reader.GetString(1)), reader.GetString(2)));
        }
        return result;
    }

    /// <summary>
    /// Writes the results in one transaction and one round trip. Upserts keyed by scene (and model) make a
    /// rerun after a crash harmless: it overwrites, never duplicates. A scene deleted meanwhile is skipped.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<SceneWorkResult> results, IReadOnlyCollection<Guid> completedSceneIds, DateTimeOffset now, CancellationToken ct)
    {
        if (results.Count == 0 && completedSceneIds.Count == 0) return;
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var tx = await lease.Value.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(lease.Value, tx);
        var at = now.ToUniversalTime();
        foreach (var r in results)
        {
            if (r.Summary is not null)
            {
                batch.BatchCommands.Add(Command("""
                    INSERT INTO scene_summaries (scene_id, script_id, summary, source_hash, model, created_at)
                    SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM scenes WHERE id = $1)
                    ON CONFLICT (scene_id) DO UPDATE
                    SET summary = excluded.summary, source_hash = excluded.source_hash, model = excluded.model, created_at = excluded.created_at
                    """, r.SceneId, r.ScriptId, r.Summary, r.SourceHash, r.SummaryModel!, at));
            }
            if (r.Embedding is not null)
            {
                batch.BatchCommands.Add(Command("""
                    INSERT INTO scene_embeddings (scene_id, model, script_id, embedding, dimensions, source_hash, created_at)
                    SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM scenes WHERE id = $1)
                    ON CONFLICT (scene_id, model) DO UPDATE
                    SET embedding = excluded.embedding, dimensions = excluded.dimensions, source_hash = excluded.source_hash, created_at = excluded.created_at
                    """, r.SceneId, r.EmbeddingModel!, r.ScriptId, new Vector(r.Embedding), r.Embedding.Length, r.SourceHash, at));
            }
        }
        // The marks on the scene rows say what the stored results were made from (not the scene's current hash: the
        // text may have moved on while the models worked, and then the scene stays stale).
        var summarized = results.Where(r => r.Summary is not null).ToList();
        if (summarized.Count > 0)
            batch.BatchCommands.Add(Command("""
                UPDATE scenes s SET summarized_hash = u.hash FROM unnest($1::uuid[], $2::text[]) AS u(id, hash) WHERE s.id = u.id
                """, summarized.Select(r => r.SceneId).ToArray(), summarized.Select(r => r.SourceHash).ToArray()));
        var embedded = results.Where(r => r.Embedding is not null).ToList();
        if (embedded.Count > 0)
            batch.BatchCommands.Add(Command("""
                UPDATE scenes s SET embedded_hash = u.hash, embedded_model = u.model
                FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, hash, model) WHERE s.id = u.id
                """, embedded.Select(r => r.SceneId).ToArray(), embedded.Select(r => r.SourceHash).ToArray(), embedded.Select(r => r.EmbeddingModel!).ToArray()));
        // Only fully refreshed scenes leave backoff; a partial failure keeps counting its attempts.
        batch.BatchCommands.Add(Command("DELETE FROM scene_work_failures WHERE scene_id = ANY($1)", completedSceneIds.ToArray()));
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Marks scenes as failed for their current text and schedules the next attempt with exponential backoff
    /// (base × 2^(attempts−1), capped). A failure for older text starts again at one attempt.
    /// </summary>
    public async Task RecordFailuresAsync(IEnumerable<StaleScene> scenes, string error, DateTimeOffset now, TimeSpan baseDelay, TimeSpan maxDelay, CancellationToken ct)
    {
        var list = scenes.ToList();
        if (list.Count == 0) return;
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            INSERT INTO scene_work_failures AS f (scene_id, script_id, source_hash, attempts, failed_at, next_attempt_at, last_error)
            SELECT u.scene_id, u.script_id, u.source_hash, 1, @now, @now + make_interval(secs => @base), @error
            FROM unnest(@ids, @scripts, @hashes) AS u(scene_id, script_id, source_hash)
            WHERE EXISTS (SELECT 1 FROM scenes WHERE id = u.scene_id)
            ON CONFLICT (scene_id) DO UPDATE SET
                attempts = CASE WHEN f.source_hash = excluded.source_hash THEN f.attempts + 1 ELSE 1 END,
                next_attempt_at = excluded.failed_at + make_interval(secs => LEAST(@max,
                    CASE WHEN f.source_hash = excluded.source_hash THEN @base * power(2, LEAST(f.attempts, 30)) ELSE @base END)),
                source_hash = excluded.source_hash,
                failed_at = excluded.failed_at,
                last_error = excluded.last_error
            """, lease.Value);
        command.Parameters.AddWithValue("ids", list.Select(s => s.SceneId).ToArray());
        command.Parameters.AddWithValue("scripts", list.Select(s => s.ScriptId).ToArray());
        command.Parameters.AddWithValue("hashes", list.Select(s => s.ContentHash).ToArray());
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("base", baseDelay.TotalSeconds);
        command.Parameters.AddWithValue("max", maxDelay.TotalSeconds);
        command.Parameters.AddWithValue("error", Truncate(error, 2000));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Scenes of a script the assistant has not read in their current form (for the navigator), debounce or not.</summary>
    public static async Task<List<Guid>> StaleSceneIdsAsync(NpgsqlConnection connection, Guid scriptId, string embeddingModel, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT s.id FROM scenes s WHERE s.script_id = @script AND {Stale} ORDER BY s.rank", connection);
        command.Parameters.AddWithValue("model", embeddingModel);
        command.Parameters.AddWithValue("script", scriptId);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>Scenes of a script whose last attempt failed for their current text, with the error.</summary>
    public static async Task<List<SceneFailureInfo>> FailuresAsync(NpgsqlConnection connection, Guid scriptId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT f.scene_id, f.attempts, f.next_attempt_at, f.last_error FROM scene_work_failures f
            JOIN scenes s ON s.id = f.scene_id AND s.content_hash = f.source_hash
            WHERE f.script_id = @script
            """, connection);
        command.Parameters.AddWithValue("script", scriptId);
        var list = new List<SceneFailureInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new SceneFailureInfo(reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return list;
    }

    /// <summary>How many scenes in all scripts are stale: the job's queue depth.</summary>
    public static async Task<int> QueueDepthAsync(NpgsqlConnection connection, string embeddingModel, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {StaleCount}", connection);
        command.Parameters.AddWithValue("model", embeddingModel);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    /// <summary>How far a re-embed with <paramref name="embeddingModel"/> has come: scenes with a current vector of that model.</summary>
    public static async Task<EmbeddingProgress> EmbeddingProgressAsync(NpgsqlConnection connection, string embeddingModel, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE s.embedded_model = @model AND s.embedded_hash = s.content_hash), count(*)
            FROM scenes s
            """, connection);
        command.Parameters.AddWithValue("model", embeddingModel);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new EmbeddingProgress(embeddingModel, (int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>
    /// The model a script's vector search should use: the current one once every scene has a vector from it,
    /// until then the model with the most vectors, so search keeps working on the old vectors during a re-embed.
    /// </summary>
    public static async Task<string?> SearchModelAsync(NpgsqlConnection connection, Guid scriptId, string embeddingModel, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT CASE
                WHEN NOT EXISTS (SELECT 1 FROM scenes s WHERE s.script_id = @script
                                 AND NOT EXISTS (SELECT 1 FROM scene_embeddings e WHERE e.scene_id = s.id AND e.model = @model))
                THEN @model
                ELSE (SELECT model FROM scene_embeddings WHERE script_id = @script GROUP BY model ORDER BY count(*) DESC, model LIMIT 1)
            END
            """, connection);
        command.Parameters.AddWithValue("script", scriptId);
        command.Parameters.AddWithValue("model", embeddingModel);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Drops other models' vectors of scripts that the current model covers completely. Returns the rows removed.</summary>
    public async Task<int> RetireOldEmbeddingsAsync(string embeddingModel, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            DELETE FROM scene_embeddings old
            WHERE old.model <> @model
              AND NOT EXISTS (SELECT 1 FROM scenes s WHERE s.script_id = old.script_id
                              AND NOT EXISTS (SELECT 1 FROM scene_embeddings e WHERE e.scene_id = s.id AND e.model = @model))
            """, lease.Value);
        command.Parameters.AddWithValue("model", embeddingModel);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
