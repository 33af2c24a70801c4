using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Core.Ai;
using WritersRoom.Data.Bible;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Jobs.Scenes;

namespace WritersRoom.Web.Tests.Jobs;

public sealed class SceneRefreshTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(10);

    private static async Task<TestDatabase> FreshDatabaseAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        return database;
    }

    [Fact]
    public async Task An_edited_scene_gets_a_summary_and_embedding_of_its_new_text_once_the_debounce_has_passed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await FreshDatabaseAsync();
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        using var host = JobsTestHost.Build(database, clock);
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(5), "five");
        var refresher = host.Services.GetRequiredService<SceneRefresher>();
        var reading = host.Services.GetRequiredService<AssistantReading>();
        var model = host.Services.GetRequiredService<AiProviderInfo>().EmbeddingModelKey;

        Assert.Equal(5, (await reading.StaleSceneIds(scriptId, ct)).Count);
        Assert.Equal(5, (await refresher.RunAsync(ct)).ItemsDone);
        Assert.Empty(await reading.StaleSceneIds(scriptId, ct));

        Guid sceneId;
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            sceneId = await db.Scenes.Where(s => s.ScriptId == scriptId).OrderBy(s => s.Rank).Skip(2).Select(s => s.Id).FirstAsync(ct);
        var newHash = await JobsTestHost.EditSceneAsync(database, sceneId, "Edward catches the fish with his wedding ring.", clock.Now);

        // Still typing: the scene is stale (the navigator shows it) but the job leaves it alone.
        Assert.Equal([sceneId], await reading.StaleSceneIds(scriptId, ct));
        Assert.Equal(0, (await refresher.RunAsync(ct)).ItemsDone);

        clock.Advance(Debounce + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await refresher.RunAsync(ct)).ItemsDone);

        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            var summary = await db.SceneSummaries.SingleAsync(s => s.SceneId == sceneId, ct);
            Assert.Equal(newHash, summary.SourceHash);
            Assert.Contains("wedding ring", summary.Summary);
            Assert.Equal("offline-extractive-summary-v1", summary.Model);
            var embedding = await db.SceneEmbeddings.SingleAsync(e => e.SceneId == sceneId, ct);
            Assert.Equal((newHash, model, 384), (embedding.SourceHash, embedding.Model, embedding.Dimensions));
            Assert.Equal(5, await db.SceneSummaries.CountAsync(ct));
            Assert.Equal(5, await db.SceneEmbeddings.CountAsync(ct));
        }
        Assert.Empty(await reading.StaleSceneIds(scriptId, ct));
    }

    [Fact]
    public async Task A_provider_that_fails_every_call_backs_off_leaves_scenes_stale_and_marked_then_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await FreshDatabaseAsync();
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        var embedder = new FlakyEmbeddingGenerator { Failing = true };
        using var host = JobsTestHost.Build(database, clock,
            s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embedder),
            ("Jobs:RetryBaseDelay", "00:00:30"), ("Jobs:RetryMaxDelay", "00:10:00"));
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(3), "three");
        var refresher = host.Services.GetRequiredService<SceneRefresher>();
        var reading = host.Services.GetRequiredService<AssistantReading>();

        var first = await refresher.RunAsync(ct);
        Assert.Equal((0, 3), (first.ItemsDone, first.Failures));
        Assert.Contains("provider unavailable", first.Error);
        Assert.Equal(3, (await reading.StaleSceneIds(scriptId, ct)).Count);
        var failures = await reading.Failures(scriptId, ct);
        Assert.Equal(3, failures.Count);
        Assert.All(failures, f => Assert.Equal((1, clock.Now.AddSeconds(30)), (f.Attempts, f.NextAttemptAt)));
        Assert.All(failures, f => Assert.Contains("provider unavailable", f.LastError));

        // Inside the backoff window the provider is not called at all.
        await refresher.RunAsync(ct);
        Assert.Equal(1, embedder.Calls);

        clock.Advance(TimeSpan.FromSeconds(31));
        await refresher.RunAsync(ct);
        Assert.Equal(2, embedder.Calls);
        Assert.All(await reading.Failures(scriptId, ct), f => Assert.Equal((2, clock.Now.AddSeconds(60)), (f.Attempts, f.NextAttemptAt)));

        // The summaries (a separate, working step) were kept; only the embeddings are missing.
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            Assert.Equal(3, await db.SceneSummaries.CountAsync(ct));
            Assert.Equal(0, await db.SceneEmbeddings.CountAsync(ct));
        }

        embedder.Failing = false;
        clock.Advance(TimeSpan.FromSeconds(61));
        var recovered = await refresher.RunAsync(ct);
        Assert.Equal((3, 0), (recovered.ItemsDone, recovered.Failures));
        Assert.Empty(await reading.StaleSceneIds(scriptId, ct));
        Assert.Empty(await reading.Failures(scriptId, ct));
    }

    [Fact]
    public async Task A_run_killed_between_the_model_calls_and_the_commit_is_finished_by_the_next_without_duplicates()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await FreshDatabaseAsync();
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The second batch's vectors arrive, then the process "dies" before they are written.
        var embedder = new FlakyEmbeddingGenerator { AfterCall = call => { if (call == 2) kill.Cancel(); } };
        using var host = JobsTestHost.Build(database, clock,
            s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embedder), ("Jobs:BatchSize", "4"));
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(10), "ten");
        var refresher = host.Services.GetRequiredService<SceneRefresher>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refresher.RunAsync(kill.Token));
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            Assert.Equal(4, await db.SceneEmbeddings.CountAsync(ct));

        var rerun = await refresher.RunAsync(ct);

        Assert.Equal((6, 0), (rerun.ItemsDone, rerun.Failures));
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            var summaries = await db.SceneSummaries.Select(s => s.SceneId).ToListAsync(ct);
            var embeddings = await db.SceneEmbeddings.Select(e => e.SceneId).ToListAsync(ct);
            var scenes = await db.Scenes.Where(s => s.ScriptId == scriptId).Select(s => s.Id).ToListAsync(ct);
            Assert.Equal(scenes.Order(), summaries.Order());
            Assert.Equal(scenes.Order(), embeddings.Order());
        }
        // Running again finds nothing to do: the work is idempotent.
        Assert.Equal(0, (await refresher.RunAsync(ct)).ItemsDone);
    }

    [Fact]
    public async Task Changing_the_embedding_model_re_embeds_in_the_background_while_search_keeps_the_old_vectors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await FreshDatabaseAsync();
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(6), "six");
        using (var before = JobsTestHost.Build(database, clock))
            await before.Services.GetRequiredService<SceneRefresher>().RunAsync(ct);

        using var after = JobsTestHost.BuildWithChat(database, clock, null,
            ("Ai:EmbeddingDimensions", "256"), ("Jobs:BatchSize", "2"), ("Jobs:MaxBatchesPerRun", "1"));
        var refresher = after.Services.GetRequiredService<SceneRefresher>();
        var reading = after.Services.GetRequiredService<AssistantReading>();
        var search = after.Services.GetRequiredService<SceneSearch>();

        var run = await refresher.RunAsync(ct);
        Assert.Equal(2, run.ItemsDone);
        Assert.Equal("offline-hashed-v1-384", await reading.SearchModel(scriptId, ct));
        var progress = await reading.ReembedProgress(ct);
        Assert.Equal(("offline-hashed-v1-256", 2, 6), (progress.Model, progress.Embedded, progress.Total));
        // Mid re-embed, the assistant's search embeds the question for the old vectors: every scene still has a distance.
        var midway = await search.SearchAsync(scriptId, "Something happens in room 4", 6, ct);
        Assert.Equal(6, midway.Count);
        Assert.All(midway, s => Assert.NotNull(s.Distance));

        await refresher.RunAsync(ct);
        await refresher.RunAsync(ct);

        Assert.Equal("offline-hashed-v1-256", await reading.SearchModel(scriptId, ct));
        var done = await after.Services.GetRequiredService<SearchModels>().ForScriptAsync(scriptId, ct);
        Assert.Equal("offline-hashed-v1-256", done);
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        Assert.Equal(["offline-hashed-v1-256"], await db.SceneEmbeddings.Select(e => e.Model).Distinct().ToListAsync(ct));
        // Summaries did not depend on the embedding model: none was redone.
        Assert.Equal(6, await db.SceneSummaries.CountAsync(ct));
    }
}
