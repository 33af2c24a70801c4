using System.Text.Json;
using WritersRoom.Benchmark;
using WritersRoom.TestSupport;

namespace WritersRoom.Web.Tests.Benchmark;

/// <summary>
/// CI runs the benchmark's short mode (a few seconds) and checks the report's shape, never its speed
/// (PERFORMANCE.md: no timed assertions in tests).
/// </summary>
public sealed class BenchmarkShortModeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_short_mode_writes_a_report_with_every_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = Path.Combine(Path.GetTempPath(), "wr-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var options = BenchOptions.ShortMode(new BenchOptions()) with
        {
            Connection = database.ConnectionString, OutputDirectory = output, Commit = "test", FixturesDirectory = TestEnvironment.FixturesDir,
        };

        try
        {
            var (_, path) = await BenchmarkRunner.RunAsync(options, TextWriter.Null, ct);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, ct));
            var root = json.RootElement;
            foreach (var field in new[]
                     {
                         "schema", "mode", "started_at", "duration_s", "commit", "machine", "database", "seeding", "steps", "pool",
                         "cache_hit_rate", "edits_sent", "edits_acked", "edits_lost", "floors", "ratios", "memory", "workloads", "incident",
                     })
                Assert.True(root.TryGetProperty(field, out _), $"report.json has no '{field}'");

            Assert.Equal("short", root.GetProperty("mode").GetString());
            Assert.Equal("test", root.GetProperty("commit").GetString());
            var steps = root.GetProperty("steps");
            Assert.True(steps.TryGetProperty("attach", out var attach), "no attach step");
            foreach (var field in new[] { "count", "p50_ms", "p95_ms", "p99_ms", "max_ms" })
                Assert.Equal(JsonValueKind.Number, attach.GetProperty(field).ValueKind);
            Assert.True(attach.GetProperty("count").GetInt64() > 0);
            foreach (var field in new[] { "max_in_use", "pending_max", "open_wait_p99_ms", "timeouts" })
                Assert.Equal(JsonValueKind.Number, root.GetProperty("pool").GetProperty(field).ValueKind);
            foreach (var field in new[] { "select1_ms", "insert_ms", "retrieval_sql_ms" })
                Assert.True(root.GetProperty("floors").GetProperty(field).GetDouble() > 0, field);
            Assert.True(root.GetProperty("cache_hit_rate").TryGetProperty("membership", out _), "no membership hit rate");
            Assert.True(root.GetProperty("ratios").TryGetProperty("attach", out var ratio), "no ratio for attach");
            Assert.Equal("select1_ms", ratio.GetProperty("floor").GetString());
            var database = root.GetProperty("database");
            Assert.False(string.IsNullOrEmpty(database.GetProperty("server_version").GetString()));
            Assert.False(string.IsNullOrEmpty(database.GetProperty("pgvector_version").GetString()));
            // Every edit sent through the live sessions is acknowledged once durable: none lost.
            var sent = root.GetProperty("edits_sent").GetInt64();
            Assert.True(sent > 0, "no edits sent");
            Assert.Equal(sent, root.GetProperty("edits_acked").GetInt64());
            Assert.Equal(0, root.GetProperty("edits_lost").GetInt64());
            Assert.True(steps.TryGetProperty("edit.ack", out _), "no edit.ack step");
            Assert.True(steps.TryGetProperty("edit.fanout", out _), "no edit.fanout step");
            // Each workload says what it measured.
            foreach (var workload in root.GetProperty("workloads").EnumerateObject())
                Assert.False(string.IsNullOrWhiteSpace(workload.Value.GetString()), workload.Name);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
