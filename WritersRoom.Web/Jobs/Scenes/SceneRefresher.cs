using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Bible;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Scenes;

/// <summary>
/// Brings stale scenes' summaries and embeddings up to date, in batches: read a batch (connection returned),
/// call the models (no connection held), write the batch in one transaction. A failed batch is marked for
/// backoff and the run stops, so a provider that is down is not hammered; the next run continues.
/// </summary>
public sealed class SceneRefresher(
    SceneWorkStore store,
    SceneSummarizer summarizer,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    AiProviderInfo ai,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<SceneRefresher> logger) : IBackgroundWork
{
    public async Task<WorkResult> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var model = ai.EmbeddingModelKey;
        int done = 0, failed = 0;
        string? error = null;

        for (var i = 0; i < o.MaxBatchesPerRun; i++)
        {
            var now = time.GetUtcNow();
            var batch = await store.NextStaleBatchAsync(model, now - o.Debounce, now, o.BatchSize, ct);
            if (batch.Count == 0) break;

            var (results, failures, message) = await ProduceAsync(batch, model, o.SummaryConcurrency, ct);
            var completed = batch.Select(s => s.SceneId).Where(id => !failures.Contains(id)).ToList();
            await store.SaveAsync(results.Where(r => r.Summary is not null || r.Embedding is not null).ToList(), completed, time.GetUtcNow(), ct);
            done += completed.Count;
            if (failures.Count == 0) continue;

            failed += failures.Count;
            error = message;
            logger.LogWarning("Summaries/embeddings failed for {Count} scenes: {Error}", failures.Count, message);
            await store.RecordFailuresAsync(batch.Where(s => failures.Contains(s.SceneId)), message ?? "failed", time.GetUtcNow(), o.RetryBaseDelay, o.RetryMaxDelay, ct);
            break;
        }

        if (failed == 0) await store.RetireOldEmbeddingsAsync(model, ct);
        return new WorkResult(done, failed, error);
    }

    // Calls the models for a batch with no connection held: summaries in parallel (bounded), one embedding call.
    private async Task<(List<SceneWorkResult> Results, HashSet<Guid> Failures, string? Error)> ProduceAsync(
        List<StaleScene> batch, string model, int concurrency, CancellationToken ct)
    {
        var summaries = new ConcurrentDictionary<Guid, string>();
        var failures = new ConcurrentDictionary<Guid, string>();
        await Parallel.ForEachAsync(batch.Where(s => s.NeedsSummary), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (scene, token) =>
            {
                try { summaries[scene.SceneId] = await summarizer.SummarizeAsync(scene.Paragraphs, token); }
                catch (Exception e) when (!token.IsCancellationRequested) { failures[scene.SceneId] = "Summary: " + e.Message; }
            });

        var vectors = new Dictionary<Guid, float[]>();
        var toEmbed = batch.Where(s => s.NeedsEmbedding).ToList();
        if (toEmbed.Count > 0)
        {
            try
            {
                var embeddings = await embedder.GenerateAsync(toEmbed.Select(s => EmbeddingText(s.Paragraphs)), cancellationToken: ct);
                if (embeddings.Count != toEmbed.Count)
                    throw new InvalidOperationException($"The embedding model returned {embeddings.Count} vectors for {toEmbed.Count} texts.");
                for (var i = 0; i < toEmbed.Count; i++) vectors[toEmbed[i].SceneId] = embeddings[i].Vector.ToArray();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                foreach (var s in toEmbed) failures.TryAdd(s.SceneId, "Embedding: " + e.Message);
            }
        }

        var results = batch.Select(s => new SceneWorkResult(s.SceneId, s.ScriptId, s.ContentHash,
            summaries.GetValueOrDefault(s.SceneId), summaries.ContainsKey(s.SceneId) ? summarizer.Model : null,
            vectors.GetValueOrDefault(s.SceneId), vectors.ContainsKey(s.SceneId) ? model : null)).ToList();
        return (results, failures.Keys.ToHashSet(), failures.Values.FirstOrDefault());
    }

    private static string EmbeddingText(IReadOnlyList<SceneParagraph> paragraphs) => SceneText.Of(paragraphs, 8000);
}
