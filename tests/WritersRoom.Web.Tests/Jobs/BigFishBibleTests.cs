using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;
using WritersRoom.TestSupport;
using WritersRoom.Web.Jobs.Cast;
using WritersRoom.Web.Jobs.Scenes;

namespace WritersRoom.Web.Tests.Jobs;

public sealed class BigFishBibleTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Characters_of_Big_Fish_are_detected_with_the_scene_counts_the_script_shows()
    {
        var ct = TestContext.Current.CancellationToken;
        var parsed = FountainParser.Parse(await File.ReadAllTextAsync(TestEnvironment.Fixture("big-fish.fountain"), ct));
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        using var host = JobsTestHost.Build(database, clock);
        var scriptId = await JobsTestHost.ImportAsync(database, parsed, "big-fish");

        // The class shares its database with the other test here, which may have imported a script first.
        Assert.InRange((await host.Services.GetRequiredService<CastRefresher>().RunAsync(ct)).ItemsDone, 1, 2);

        // Expected counts straight from the parsed script: scenes with a cue of that name, any extension.
        var scenes = SceneSplitter.Split(parsed.Elements);
        int ScenesWith(string name) => scenes.Count(s => s.Any(e => e.Type == ElementType.Character && e.Text.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)));
        int SpeechesOf(string name) => parsed.Elements.Count(e => e.Type == ElementType.Character && e.Text.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));

        await using var db = await database.Factory.CreateDbContextAsync(ct);
        var characters = await db.Characters.Where(c => c.ScriptId == scriptId).ToDictionaryAsync(c => c.Name, ct);
        foreach (var name in new[] { "EDWARD", "WILL", "SANDRA", "JOSEPHINE", "JENNY", "AMOS", "KARL" })
        {
            Assert.True(characters.ContainsKey(name), name);
            Assert.Equal((name, ScenesWith(name), SpeechesOf(name)), (name, characters[name].SceneCount, characters[name].LineCount));
        }
        Assert.True(characters["EDWARD"].SceneCount > characters["WILL"].SceneCount);
        Assert.True(characters["WILL"].SceneCount > characters["SANDRA"].SceneCount);
        // Extensions are folded: no "WILL (V.O.)" or "EDWARD (CONT'D)" of their own.
        Assert.DoesNotContain(characters.Keys, n => n.Contains('(') || n.Contains("CONT"));
        var firstWill = scenes.FindIndex(s => s.Any(e => e.Type == ElementType.Character && e.Text.Trim() == "WILL"));
        var firstWillScene = await db.Scenes.Where(s => s.ScriptId == scriptId).OrderBy(s => s.Rank).Skip(firstWill).Select(s => s.Id).FirstAsync(ct);
        Assert.Equal(firstWillScene, characters["WILL"].FirstSceneId);
        Assert.True(await db.Locations.CountAsync(l => l.ScriptId == scriptId, ct) > 20);

        // Unchanged script: the next run does nothing.
        Assert.Equal(0, (await host.Services.GetRequiredService<CastRefresher>().RunAsync(ct)).ItemsDone);
    }

    [Fact]
    public async Task Re_summarising_and_re_embedding_Big_Fish_offline_is_measured_with_the_pool_wait()
    {
        var ct = TestContext.Current.CancellationToken;
        var parsed = FountainParser.Parse(await File.ReadAllTextAsync(TestEnvironment.Fixture("big-fish.fountain"), ct));
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        using var host = JobsTestHost.Build(database, clock, null, ("Jobs:BatchSize", "64"), ("Jobs:MaxConnections", "2"));
        var scriptId = await JobsTestHost.ImportAsync(database, parsed, "big-fish-perf");
        var refresher = host.Services.GetRequiredService<SceneRefresher>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        int sceneCount;
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            sceneCount = await db.Scenes.CountAsync(s => s.ScriptId == scriptId, ct);

        // The probe's first open creates a physical connection (tens of ms): warm the pool so waits are waits.
        await using (var warm = await dataSource.OpenConnectionAsync(ct)) { }
        var runs = new List<double>();
        var waits = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            // Everything stale again, as after a model change or a bulk edit of the script.
            await using (var db = await database.Factory.CreateDbContextAsync(ct))
            {
                await db.SceneSummaries.ExecuteDeleteAsync(ct);
                await db.SceneEmbeddings.ExecuteDeleteAsync(ct);
                await db.Scenes.ExecuteUpdateAsync(u => u.SetProperty(s => s.SummarizedHash, (string?)null).SetProperty(s => s.EmbeddedHash, (string?)null), ct);
            }

            // Meanwhile the "request path" opens connections from the same pool and times each open.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var probe = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var open = Stopwatch.StartNew();
                    await using (var c = await dataSource.OpenConnectionAsync(CancellationToken.None))
                    {
                        lock (waits) waits.Add(open.Elapsed.TotalMilliseconds);
                        await using var cmd = new NpgsqlCommand("SELECT 1", c);
                        await cmd.ExecuteScalarAsync(CancellationToken.None);
                    }
                    await Task.Delay(2, CancellationToken.None);
                }
            }, CancellationToken.None);

            var watch = Stopwatch.StartNew();
            var result = await refresher.RunAsync(ct);
            runs.Add(watch.Elapsed.TotalMilliseconds);
            await stop.CancelAsync();
            await probe;
            Assert.True(result.ItemsDone >= sceneCount, $"{result.ItemsDone} of {sceneCount}");
        }

        waits.Sort();
        runs.Sort();
        var p99 = waits[(int)Math.Ceiling(waits.Count * 0.99) - 1];
        TestContext.Current.SendDiagnosticMessage($"Big Fish ({sceneCount} scenes) re-summarise + re-embed offline: runs {string.Join(", ", runs.Select(r => $"{r:F0} ms"))}, median {runs[1]:F0} ms; pool open wait p50 {waits[waits.Count / 2]:F3} ms, p99 {p99:F3} ms, max {waits[^1]:F3} ms over {waits.Count} opens");
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "writersroom-bigfish-jobs.txt"), $"BIGFISH-MEASURE runs={string.Join('/', runs.Select(r => r.ToString("F0")))}ms median={runs[1]:F0}ms poolwait p50={waits[waits.Count / 2]:F3} p99={p99:F3} max={waits[^1]:F3} n={waits.Count}\n");
    }
}
