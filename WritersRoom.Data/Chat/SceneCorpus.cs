using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using Pgvector;
using WritersRoom.Core.Retrieval;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Data.Chat;

/// <summary>
/// A script's scenes as retrieval and the assistant's tools read them: scene, its paragraphs in order, its summary,
/// and the exact cosine distance of its embedding (for the given model) to the question vector. Filtered by script
/// id through its B-tree, so another script's scenes can never come back; the connection is held only while reading.
/// <para>
/// Each call is one query that returns every scene's content hash, summary time and vector time, and the paragraphs,
/// summary and vector only where they changed since the copy kept in memory (per script, with the BM25 term counts
/// and the vectors). The database stays the one source of truth: a commit changes the hash in the same transaction as
/// the text, and the jobs stamp each summary and vector they write. Distances are computed here, over the kept vectors.
/// </para>
/// </summary>
public sealed class SceneCorpus(NpgsqlDataSource dataSource) : IDisposable
{
    // What changed is decided in SQL against the kept stamps (@known_*), so a question costs one round trip whether or
    // not writers are changing the script. The lateral's condition names only outer columns: Postgres skips the blocks
    // scan for a kept scene; a vector not asked for or unchanged is never read from its TOAST table.
    internal const string CorpusSql =
        """
        SELECT s.id, s.scene_number, s.content_hash, ss.created_at, e.created_at,
               CASE WHEN @vectors AND k.vector_at IS DISTINCT FROM e.created_at THEN e.embedding END,
               f.fresh, t.ids, t.types, t.texts, CASE WHEN f.fresh THEN ss.summary END
        FROM scenes s
        LEFT JOIN scene_summaries ss ON ss.scene_id = s.id
        LEFT JOIN scene_embeddings e ON e.scene_id = s.id AND e.model = @model
        LEFT JOIN unnest(@known_ids::uuid[], @known_hashes::text[], @known_summaries::timestamptz[], @known_vectors::timestamptz[])
            AS k(id, hash, summary_at, vector_at) ON k.id = s.id
        CROSS JOIN LATERAL (SELECT k.id IS NULL OR k.hash <> s.content_hash OR k.summary_at IS DISTINCT FROM ss.created_at AS fresh) f
        LEFT JOIN LATERAL (
            SELECT array_agg(b.id ORDER BY b.rank) AS ids, array_agg(b.type ORDER BY b.rank) AS types,
                   array_agg(b.text ORDER BY b.rank) AS texts
            FROM blocks b WHERE b.scene_id = s.id AND f.fresh) t ON true
        WHERE s.script_id = @script
        ORDER BY s.rank
        """;

    /// <summary>
    /// Memory kept across scripts, in bytes of text and vectors (a feature-length script with 1536-dimension vectors
    /// is about 2 MB); least used scripts go first.
    /// </summary>
    private const long CachedBytes = 192L * 1024 * 1024;

    private static readonly string HeadingType = ElementType.SceneHeading.ToString();
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(30);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = CachedBytes });

    public async Task<IReadOnlyList<SceneDocument>> LoadAsync(Guid scriptId, string embeddingModel, float[]? queryVector, CancellationToken ct = default) =>
        (await LoadCorpusAsync(scriptId, embeddingModel, queryVector, ct)).Scenes;

    /// <summary>The scenes in script order with their distances, and BM25 over them (reused while no scene's text changes).</summary>
    public async Task<ScriptCorpus> LoadCorpusAsync(Guid scriptId, string embeddingModel, float[]? queryVector, CancellationToken ct = default)
    {
        var kept = cache.Get<CachedCorpus>(scriptId);
        var scenes = await ReadAsync(scriptId, embeddingModel, queryVector is not null, kept, ct);
        var corpus = kept;
        if (kept is null || !kept.HasExactly(scenes))
        {
            corpus = new CachedCorpus(scenes, kept);
            cache.Set(scriptId, corpus, new MemoryCacheEntryOptions { Size = Math.Max(1, corpus.Bytes), SlidingExpiration = Unused });
        }

        SceneCacheMetrics.Lookup(hit: ReferenceEquals(corpus, kept));
        return corpus!.View(embeddingModel, queryVector);
    }

    private async Task<List<CachedScene>> ReadAsync(Guid scriptId, string model, bool vectors, CachedCorpus? kept, CancellationToken ct)
    {
        var known = kept?.Scenes ?? [];
        await using var command = dataSource.CreateCommand(CorpusSql);
        command.Parameters.AddWithValue("script", scriptId);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("vectors", vectors);
        command.Parameters.AddWithValue("known_ids", known.Select(k => k.Id).ToArray());
        command.Parameters.AddWithValue("known_hashes", known.Select(k => k.ContentHash).ToArray());
        command.Parameters.AddWithValue("known_summaries", known.Select(k => k.SummaryAt).ToArray());
        command.Parameters.AddWithValue("known_vectors", known.Select(k => k.Vector?.Model == model ? k.Vector.StoredAt : (DateTimeOffset?)null).ToArray());
        var scenes = new List<CachedScene>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            var hash = reader.GetString(2);
            var summaryAt = reader.IsDBNull(3) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(3);
            var vectorAt = reader.IsDBNull(4) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(4);
            var before = kept?.Find(id);
            var scene = reader.GetBoolean(6)
                ? CachedScene.Create(id, hash, summaryAt, reader.IsDBNull(8) ? [] : reader.GetFieldValue<string[]>(8),
                    reader.IsDBNull(7) ? [] : reader.GetFieldValue<Guid[]>(7),
                    reader.IsDBNull(9) ? [] : reader.GetFieldValue<string[]>(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10), before?.Vector)
                // Not read again: the database found its text and summary unchanged from the kept copy.
                : before ?? throw new InvalidOperationException($"Scene {id} was reported unchanged but is not kept.");
            var production = reader.IsDBNull(1) ? null : reader.GetString(1);
            var vector = !vectors ? scene.Vector
                : !reader.IsDBNull(5) ? new SceneVector(model, vectorAt!.Value, reader.GetFieldValue<Vector>(5).ToArray())
                : scene.Vector is { } v && v.Model == model && v.StoredAt == vectorAt ? v
                : null;
            scenes.Add(scene.With(production, vector));
        }

        return scenes;
    }

    public void Dispose() => cache.Dispose();

    private sealed record CachedScene(Guid Id, string ContentHash, DateTimeOffset? SummaryAt, bool HasHeading, Guid[] BlockIds,
        string[] Texts, string? Summary, DocumentTerms Terms, long TextBytes, string? ProductionNumber, SceneVector? Vector)
    {
        public static CachedScene Create(Guid id, string hash, DateTimeOffset? summaryAt, string[] types, Guid[] ids, string[] texts,
            string? summary, SceneVector? vector)
        {
            // The same text BM25 ranks in SceneDocument.SearchText: the summary adds the words a paraphrase may use.
            var searchText = new SceneDocument(id, 0, null, "", summary, ids, texts, null).SearchText;
            return new CachedScene(id, hash, summaryAt, types.Length > 0 && types[0] == HeadingType, ids, texts, summary,
                DocumentTerms.Of(searchText), 2L * (texts.Sum(t => t.Length) + (summary?.Length ?? 0)), null, vector);
        }

        /// <summary>This scene with the production number and vector just read; itself when neither changed.</summary>
        public CachedScene With(string? productionNumber, SceneVector? vector) =>
            productionNumber == ProductionNumber && ReferenceEquals(vector, Vector) ? this : this with { ProductionNumber = productionNumber, Vector = vector };

        public long Bytes => TextBytes + (Vector?.Bytes ?? 0);
    }

    private sealed class CachedCorpus
    {
        private readonly Dictionary<Guid, CachedScene> byId;
        private readonly Bm25Index index;

        /// <param name="previous">The copy this one replaces: its BM25 statistics are adjusted for the changed scenes only.</param>
        public CachedCorpus(IReadOnlyList<CachedScene> scenes, CachedCorpus? previous)
        {
            Scenes = scenes;
            byId = scenes.ToDictionary(s => s.Id);
            var terms = scenes.Select(s => s.Terms).ToList();
            index = previous is null ? new Bm25Index(terms) : previous.index.Update(terms);
            Bytes = scenes.Sum(s => s.Bytes);
        }

        public IReadOnlyList<CachedScene> Scenes { get; }

        public long Bytes { get; }

        public CachedScene? Find(Guid id) => byId.GetValueOrDefault(id);

        /// <summary>Nothing changed: the same kept scenes, in the same order.</summary>
        public bool HasExactly(IReadOnlyList<CachedScene> scenes)
        {
            if (scenes.Count != Scenes.Count) return false;
            for (var i = 0; i < scenes.Count; i++)
                if (!ReferenceEquals(scenes[i], Scenes[i])) return false;
            return true;
        }

        /// <summary>The scenes numbered as the assistant cites them, with this question's distances.</summary>
        public ScriptCorpus View(string model, float[]? queryVector)
        {
            var documents = new List<SceneDocument>(Scenes.Count);
            var number = 0;
            foreach (var scene in Scenes)
            {
                // Text before the first heading (a cold open without a slug) is scene 0, so headings number from 1.
                if (scene.HasHeading) number++;
                var distance = queryVector is not null && scene.Vector is { } v && v.Model == model ? v.DistanceTo(queryVector) : null;
                documents.Add(new SceneDocument(scene.Id, scene.HasHeading ? number : 0, scene.ProductionNumber,
                    scene.HasHeading ? scene.Texts[0] : "", scene.Summary, scene.BlockIds, scene.Texts, distance));
            }

            return new ScriptCorpus(documents, index);
        }
    }
}

/// <summary>A script's scenes in order and BM25 over their search text, in the same order.</summary>
public sealed record ScriptCorpus(IReadOnlyList<SceneDocument> Scenes, Bm25Index Index);
