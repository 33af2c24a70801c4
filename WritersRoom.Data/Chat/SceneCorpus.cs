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
/// Each call is one query: every scene's content hash, summary time and vector distance, and paragraph text only for
/// the scenes whose hash or summary changed since the copy kept in memory (per script, with the BM25 term counts). The database stays the one source of truth: a commit changes the hash in
/// the same transaction as the text.
/// </para>
/// </summary>
public sealed class SceneCorpus(NpgsqlDataSource dataSource) : IDisposable
{
    // Every scene's hash, summary time and distance; paragraphs and summary only for the scenes whose hash or summary
    // time differ from those kept in memory (@known_*), so a question costs one round trip whether or not writers are
    // changing the script. The lateral's condition names only outer columns: Postgres skips the blocks scan for a kept scene.
    private const string CorpusSql =
        """
        SELECT s.id, s.scene_number, s.content_hash, ss.created_at,
               (SELECT e.embedding <=> @q FROM scene_embeddings e WHERE e.scene_id = s.id AND e.model = @model) AS distance,
               f.fresh, t.ids, t.types, t.texts, CASE WHEN f.fresh THEN ss.summary END
        FROM scenes s
        LEFT JOIN scene_summaries ss ON ss.scene_id = s.id
        LEFT JOIN unnest(@known_ids::uuid[], @known_hashes::text[], @known_summaries::timestamptz[]) AS k(id, hash, summary_at)
            ON k.id = s.id
        CROSS JOIN LATERAL (SELECT k.id IS NULL OR k.hash <> s.content_hash OR k.summary_at IS DISTINCT FROM ss.created_at AS fresh) f
        LEFT JOIN LATERAL (
            SELECT array_agg(b.id ORDER BY b.rank) AS ids, array_agg(b.type ORDER BY b.rank) AS types,
                   array_agg(b.text ORDER BY b.rank) AS texts
            FROM blocks b WHERE b.scene_id = s.id AND f.fresh) t ON true
        WHERE s.script_id = @script
        ORDER BY s.rank
        """;

    /// <summary>Text kept in memory, in characters, across scripts (about 100 feature-length scripts); least used go first.</summary>
    private const long CachedCharacters = 20_000_000;

    private static readonly string HeadingType = ElementType.SceneHeading.ToString();
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(30);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = CachedCharacters });

    public async Task<IReadOnlyList<SceneDocument>> LoadAsync(Guid scriptId, string embeddingModel, float[]? queryVector, CancellationToken ct = default) =>
        (await LoadCorpusAsync(scriptId, embeddingModel, queryVector, ct)).Scenes;

    /// <summary>The scenes in script order with their distances, and BM25 over them (reused while no scene changes).</summary>
    public async Task<ScriptCorpus> LoadCorpusAsync(Guid scriptId, string embeddingModel, float[]? queryVector, CancellationToken ct = default)
    {
        var kept = cache.Get<CachedCorpus>(scriptId);
        var (stamps, fresh) = await ReadAsync(scriptId, embeddingModel, queryVector, kept, ct);
        if (kept is not null && fresh.Count == 0 && kept.Matches(stamps))
        {
            SceneCacheMetrics.Lookup(hit: true);
            return kept.View(stamps);
        }

        SceneCacheMetrics.Lookup(hit: false);
        // A scene not read again is one the database found unchanged from the kept copy.
        var scenes = stamps.Select(st => fresh.GetValueOrDefault(st.Id) ?? kept?.Find(st)).ToList();
        var present = stamps.Where((_, i) => scenes[i] is not null).ToList();
        var corpus = new CachedCorpus(scenes.OfType<CachedScene>().ToList(), kept);
        cache.Set(scriptId, corpus, new MemoryCacheEntryOptions { Size = Math.Max(1, corpus.Characters), SlidingExpiration = Unused });
        return corpus.View(present);
    }

    private async Task<(List<SceneStamp> Stamps, Dictionary<Guid, CachedScene> Fresh)> ReadAsync(
        Guid scriptId, string embeddingModel, float[]? queryVector, CachedCorpus? kept, CancellationToken ct)
    {
        var known = kept?.Scenes ?? [];
        await using var command = dataSource.CreateCommand(CorpusSql);
        command.Parameters.AddWithValue("script", scriptId);
        command.Parameters.AddWithValue("model", embeddingModel);
        command.Parameters.Add(new NpgsqlParameter("q", queryVector is null ? DBNull.Value : new Vector(queryVector)) { DataTypeName = "vector" });
        command.Parameters.AddWithValue("known_ids", known.Select(k => k.Id).ToArray());
        command.Parameters.AddWithValue("known_hashes", known.Select(k => k.ContentHash).ToArray());
        command.Parameters.AddWithValue("known_summaries", known.Select(k => k.SummaryAt).ToArray());
        var stamps = new List<SceneStamp>();
        var fresh = new Dictionary<Guid, CachedScene>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var stamp = new SceneStamp(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4));
            stamps.Add(stamp);
            if (!reader.GetBoolean(5)) continue;
            var types = reader.IsDBNull(7) ? [] : reader.GetFieldValue<string[]>(7);
            fresh[stamp.Id] = CachedScene.Create(stamp.Id, stamp.ContentHash, stamp.SummaryAt, types.Length > 0 && types[0] == HeadingType,
                reader.IsDBNull(6) ? [] : reader.GetFieldValue<Guid[]>(6),
                reader.IsDBNull(8) ? [] : reader.GetFieldValue<string[]>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9));
        }

        return (stamps, fresh);
    }

    public void Dispose() => cache.Dispose();

    private sealed record SceneStamp(Guid Id, string? ProductionNumber, string ContentHash, DateTimeOffset? SummaryAt, double? Distance);

    private sealed record CachedScene(Guid Id, string ContentHash, DateTimeOffset? SummaryAt, bool HasHeading, Guid[] BlockIds,
        string[] Texts, string? Summary, DocumentTerms Terms)
    {
        public static CachedScene Create(Guid id, string hash, DateTimeOffset? summaryAt, bool hasHeading, Guid[] ids, string[] texts, string? summary)
        {
            // The same text BM25 ranks in SceneDocument.SearchText: the summary adds the words a paraphrase may use.
            var searchText = new SceneDocument(id, 0, null, "", summary, ids, texts, null).SearchText;
            return new CachedScene(id, hash, summaryAt, hasHeading, ids, texts, summary, DocumentTerms.Of(searchText));
        }

        public bool Same(SceneStamp stamp) => stamp.Id == Id && stamp.ContentHash == ContentHash && stamp.SummaryAt == SummaryAt;

        public int Characters => Texts.Sum(t => t.Length) + (Summary?.Length ?? 0);
    }

    private sealed class CachedCorpus
    {
        private readonly IReadOnlyList<CachedScene> scenes;

        public IReadOnlyList<CachedScene> Scenes => scenes;
        private readonly Dictionary<Guid, CachedScene> byId;
        private readonly Bm25Index index;

        /// <param name="previous">The copy this one replaces: its BM25 statistics are adjusted for the changed scenes only.</param>
        public CachedCorpus(IReadOnlyList<CachedScene> scenes, CachedCorpus? previous)
        {
            this.scenes = scenes;
            byId = scenes.ToDictionary(s => s.Id);
            var terms = scenes.Select(s => s.Terms).ToList();
            index = previous is null ? new Bm25Index(terms) : previous.index.Update(terms);
            Characters = scenes.Sum(s => s.Characters);
        }

        public long Characters { get; }

        public bool Matches(IReadOnlyList<SceneStamp> stamps)
        {
            if (stamps.Count != scenes.Count) return false;
            for (var i = 0; i < stamps.Count; i++)
                if (!scenes[i].Same(stamps[i])) return false;
            return true;
        }

        public CachedScene? Find(SceneStamp stamp) => byId.TryGetValue(stamp.Id, out var scene) && scene.Same(stamp) ? scene : null;

        /// <summary>The scenes numbered as the assistant cites them, with this question's distances and production numbers.</summary>
        public ScriptCorpus View(IReadOnlyList<SceneStamp> stamps)
        {
            var distances = stamps.ToDictionary(s => s.Id);
            var documents = new List<SceneDocument>(scenes.Count);
            var number = 0;
            foreach (var scene in scenes)
            {
                var stamp = distances[scene.Id];
                // Text before the first heading (a cold open without a slug) is scene 0, so headings number from 1.
                if (scene.HasHeading) number++;
                documents.Add(new SceneDocument(scene.Id, scene.HasHeading ? number : 0, stamp.ProductionNumber,
                    scene.HasHeading ? scene.Texts[0] : "", scene.Summary, scene.BlockIds, scene.Texts, stamp.Distance));
            }

            return new ScriptCorpus(documents, index);
        }
    }
}

/// <summary>A script's scenes in order and BM25 over their search text, in the same order.</summary>
public sealed record ScriptCorpus(IReadOnlyList<SceneDocument> Scenes, Bm25Index Index);
