using Npgsql;
using Pgvector;
using WritersRoom.Core.Retrieval;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Data.Chat;

/// <summary>
/// Reads a script's scenes for retrieval in one query: scene, its paragraphs in order, its summary, and the exact
/// cosine distance of its embedding (for the given model) to the question vector. Filtered by script id through
/// its B-tree, so another script's scenes can never come back; the connection is held only while reading.
/// </summary>
public sealed class SceneCorpus(NpgsqlDataSource dataSource)
{
    private const string Sql =
        """
        SELECT s.id, s.scene_number, t.ids, t.types, t.texts, ss.summary,
               (SELECT e.embedding <=> @q FROM scene_embeddings e WHERE e.scene_id = s.id AND e.model = @model) AS distance
        FROM scenes s
        LEFT JOIN LATERAL (
            SELECT array_agg(b.id ORDER BY b.rank) AS ids, array_agg(b.type ORDER BY b.rank) AS types,
                   array_agg(b.text ORDER BY b.rank) AS texts
            FROM blocks b WHERE b.scene_id = s.id) t ON true
        LEFT JOIN scene_summaries ss ON ss.scene_id = s.id
        WHERE s.script_id = @script
        ORDER BY s.rank
        """;

    private static readonly string HeadingType = ElementType.SceneHeading.ToString();

    // One scene of the script, numbered as LoadAsync numbers it: the headed scenes up to it (each one's first paragraph
    // found through the (scene_id, rank) index). A scene id of another script finds nothing.
    private const string OneSql =
        """
        SELECT s.id, s.scene_number, t.ids, t.types, t.texts, ss.summary,
               (SELECT count(*) FROM scenes p WHERE p.script_id = s.script_id AND p.rank <= s.rank
                  AND (SELECT b.type FROM blocks b WHERE b.scene_id = p.id ORDER BY b.rank LIMIT 1) = 'SceneHeading') AS number
        FROM scenes s
        LEFT JOIN LATERAL (
            SELECT array_agg(b.id ORDER BY b.rank) AS ids, array_agg(b.type ORDER BY b.rank) AS types,
                   array_agg(b.text ORDER BY b.rank) AS texts
            FROM blocks b WHERE b.scene_id = s.id) t ON true
        LEFT JOIN scene_summaries ss ON ss.scene_id = s.id
        WHERE s.script_id = @script AND s.id = @scene
        """;

    /// <summary>One scene, if it is in the script (the scene a writer's cursor is in), numbered as <see cref="LoadAsync"/> numbers it.</summary>
    public async Task<SceneDocument?> LoadOneAsync(Guid scriptId, Guid sceneId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(OneSql);
        command.Parameters.AddWithValue("script", scriptId);
        command.Parameters.AddWithValue("scene", sceneId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var ids = reader.IsDBNull(2) ? [] : reader.GetFieldValue<Guid[]>(2);
        var types = reader.IsDBNull(3) ? [] : reader.GetFieldValue<string[]>(3);
        var texts = reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4);
        var hasHeading = types.Length > 0 && types[0] == HeadingType;
        return new SceneDocument(reader.GetGuid(0), hasHeading ? (int)reader.GetInt64(6) : 0, reader.IsDBNull(1) ? null : reader.GetString(1),
            hasHeading ? texts[0] : "", reader.IsDBNull(5) ? null : reader.GetString(5), ids, texts, null);
    }

    public async Task<IReadOnlyList<SceneDocument>> LoadAsync(Guid scriptId, string embeddingModel, float[]? queryVector, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("script", scriptId);
        command.Parameters.AddWithValue("model", embeddingModel);
        command.Parameters.Add(new NpgsqlParameter("q", queryVector is null ? DBNull.Value : new Vector(queryVector)) { DataTypeName = "vector" });

        var scenes = new List<SceneDocument>();
        var number = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var ids = reader.IsDBNull(2) ? [] : reader.GetFieldValue<Guid[]>(2);
            var types = reader.IsDBNull(3) ? [] : reader.GetFieldValue<string[]>(3);
            var texts = reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4);
            var hasHeading = types.Length > 0 && types[0] == HeadingType;
            // Text before the first heading (a cold open without a slug) is scene 0, so headings number from 1.
            if (hasHeading) number++;
            scenes.Add(new SceneDocument(
                reader.GetGuid(0),
                hasHeading ? number : 0,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                hasHeading ? texts[0] : "",
                reader.IsDBNull(5) ? null : reader.GetString(5),
                ids,
                texts,
                reader.IsDBNull(6) ? null : reader.GetDouble(6)));
        }

        return scenes;
    }
}
