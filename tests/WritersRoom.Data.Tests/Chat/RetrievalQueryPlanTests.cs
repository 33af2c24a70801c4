using Npgsql;
using WritersRoom.Data.Chat;
using WritersRoom.TestSupport;

namespace WritersRoom.Data.Tests.Chat;

/// <summary>
/// The question's one retrieval query: every part reached through an index on the script or the scene, and the
/// paragraphs of a scene kept in memory never scanned (a one-time filter on outer columns only).
/// </summary>
public sealed class RetrievalQueryPlanTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_corpus_query_reads_through_the_script_and_scene_indexes_and_skips_the_blocks_of_kept_scenes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        // The tables are empty here, where a sequential scan is cheapest; forbid it to see which index serves each part.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync(ct);
        await using var explain = new NpgsqlCommand("EXPLAIN " + SceneCorpus.CorpusSql, connection);
        explain.Parameters.AddWithValue("script", Guid.NewGuid());
        explain.Parameters.AddWithValue("model", "m");
        explain.Parameters.AddWithValue("vectors", true);
        explain.Parameters.AddWithValue("known_ids", new[] { Guid.NewGuid() });
        explain.Parameters.AddWithValue("known_hashes", new[] { "h" });
        explain.Parameters.AddWithValue("known_summaries", new DateTimeOffset?[] { null });
        explain.Parameters.AddWithValue("known_vectors", new DateTimeOffset?[] { DateTimeOffset.UtcNow });
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
        var plan = string.Join('\n', lines);

        Assert.Contains("ix_scenes_script_id_rank", plan);
        Assert.Contains("pk_scene_summaries", plan);
        Assert.Contains("pk_scene_embeddings", plan);
        Assert.Contains("ix_blocks_scene_id_rank", plan);
        Assert.Contains("One-Time Filter", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }
}
