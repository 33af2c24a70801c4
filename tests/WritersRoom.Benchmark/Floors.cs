using System.Diagnostics;
using Npgsql;
using Pgvector;
using WritersRoom.Core.Ai;

namespace WritersRoom.Benchmark;

/// <summary>
/// What the database itself costs, measured raw in the same run: a round trip, a durable single-row insert and the
/// exact per-script vector search. Our steps are judged as ratios to these, so a slow machine does not hide waste.
/// </summary>
public static class Floors
{
    public static async Task<FloorResult> MeasureAsync(NpgsqlDataSource dataSource, IReadOnlyList<Guid> scripts, string model,
        int dimensions, int iterations, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var select1 = await TimeAsync(iterations, async () =>
        {
            await using var cmd = new NpgsqlCommand("SELECT 1", connection);
            await cmd.ExecuteScalarAsync(ct);
        });

        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)", connection))
            await create.ExecuteNonQueryAsync(ct);
        var insert = await TimeAsync(iterations, async () =>
        {
            // Autocommit with the server's default synchronous_commit: durable, like a chat message insert.
            await using var cmd = new NpgsqlCommand("INSERT INTO bench_floor (payload) VALUES ($1)", connection);
            cmd.Parameters.AddWithValue("a user message of about the usual length");
            await cmd.ExecuteNonQueryAsync(ct);
        });

        var embedder = new HashedEmbedder(dimensions);
        string[] questions = ["where does Will first doubt his father", "the witch's glass eye", "Edward at the river", "the wedding"];
        var i = 0;
        var retrieval = await TimeAsync(iterations, async () =>
        {
            var script = scripts[i % scripts.Count];
            var vector = new Vector(embedder.Embed(questions[i++ % questions.Length]));
            await using var cmd = new NpgsqlCommand(
                "SELECT scene_id FROM scene_embeddings WHERE script_id = $1 AND model = $2 ORDER BY embedding <=> $3 LIMIT 8", connection);
            cmd.Parameters.AddWithValue(script);
            cmd.Parameters.AddWithValue(model);
            cmd.Parameters.AddWithValue(vector);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) { }
        });
        return new FloorResult(select1, insert, retrieval);
    }

    /// <summary>Median of <paramref name="iterations"/> runs after a few unmeasured warm-ups.</summary>
    private static async Task<double> TimeAsync(int iterations, Func<Task> action)
    {
        for (var w = 0; w < 5; w++) await action();
        var samples = new double[iterations];
        for (var n = 0; n < iterations; n++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            samples[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return StepStats.Median(samples);
    }
}

public sealed record FloorResult(double Select1Ms, double InsertMs, double RetrievalSqlMs);
