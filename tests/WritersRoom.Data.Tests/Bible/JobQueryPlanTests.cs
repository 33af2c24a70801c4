using Npgsql;
using WritersRoom.Data.Bible;
using WritersRoom.TestSupport;

namespace WritersRoom.Data.Tests.Bible;

/// <summary>
/// The background jobs poll every few seconds; their queue queries must read an index of the stale rows, never every
/// scene with its summary and vector (at 15,000 scenes that scan took 0.3–1.1 s per poll; the partial index, 0.3 ms).
/// </summary>
public sealed class JobQueryPlanTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<string> PlanAsync(string sql, params (string Name, object Value)[] parameters)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        // The tables are nearly empty, where a sequential scan is cheapest; forbid it to see which index serves the query.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync(ct);
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var (name, value) in parameters) explain.Parameters.AddWithValue(name, value);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) plan.Add(reader.GetString(0));
        return string.Join('\n', plan);
    }

    [Fact]
    public async Task The_scene_jobs_batch_query_walks_the_stale_scenes_index_and_the_embedding_model_index()
    {
        var plan = await PlanAsync(SceneWorkStore.StaleBatchSql, ("model", "offline-hashed-v1-384"),
            ("quiet_before", DateTimeOffset.UtcNow), ("now", DateTimeOffset.UtcNow), ("limit", 32));

        Assert.Contains("ix_scenes_stale", plan);
        Assert.Contains("ix_scenes_embedded_model", plan);
        Assert.DoesNotContain("scene_summaries", plan);
        Assert.DoesNotContain("scene_embeddings", plan);
    }

    [Fact]
    public async Task The_queue_depth_counts_through_the_same_indexes()
    {
        var plan = await PlanAsync($"SELECT {SceneWorkStore.StaleCount}", ("model", "offline-hashed-v1-384"));

        Assert.Contains("ix_scenes_stale", plan);
        Assert.Contains("ix_scenes_embedded_model", plan);
    }
}
