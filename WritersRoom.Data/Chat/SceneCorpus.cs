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
/// Each call asks the database only for the scenes' content hashes, summary times and vector distances (no paragraph
/// text); the paragraphs and their BM25 term counts are kept in memory per script and re-read only for the scenes
/// whose hash or summary changed since. The database stays the one source of truth: a commit changes the hash in
/// the same transaction as the text.
/// </para>
/// </summary>
public sealed class SceneCorpus(NpgsqlDataSource dataSource) : IDisposable
{
    private const string StampsSql =
        """
        SELECT s.id, s.scene_number, s.content_hash, ss.created_at,
               (SELECT e.embedding <=> @q FROM scene_embeddings e WHERE e.scene_id = s.id AND e.model = @model) AS distance
        FROM scenes s
        LEFT JOIN scene_summaries ss ON ss.scene_id = s.id
        WHERE s.script_id = @script
        ORDER BY s.rank
        """;

    private const string ScenesSql =
        """
        SELECT s.id, s.content_hash, ss.created_at, t.ids, t.types, t.texts, ss.summary
        FROM scenes s
        LEFT JOIN LATERAL (
            SELECT array_agg(b.id ORDER BY b.rank) AS ids, array_agg(b.type ORDER BY b.rank) AS types,
                   array_agg(b.text ORDER BY b.rank) AS texts
            FROM blocks b WHERE b.scene_id = s.id) t ON true
        LEFT JOIN scene_summaries ss ON ss.scene_id = s.id
        WHERE s.script_id = @script AND s.id = ANY(@ids)
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
        var stamps = await ReadStampsAsync(scriptId, embeddingModel, queryVector, ct);
        var kept = cache.Get<CachedCorpus>(scriptId);
        if (kept is null || !kept.Matches(stamps))
        {
            SceneCacheMetrics.Lookup(hit: false);
            kept = await RefreshAsync(scriptId, stamps, kept, ct);
        }
        else
        {
            SceneCacheMetrics.Lookup(hit: true);
        }

        return kept.View(stamps);
    }

    private async Task<List<SceneStamp>> ReadStampsAsync(Guid scriptId, string embeddingModel, float[]? queryVector, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(StampsSql);
        command.Parameters.AddWithValue("script", scriptId);
        command.Parameters.AddWithValue("model", embeddingModel);
        command.Parameters.Add(new NpgsqlParameter("q", queryVector is null ? DBNull.Value : new Vector(queryVector)) { DataTypeName = "vector" });
        var stamps = new List<SceneStamp>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            stamps.Add(new SceneStamp(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4)));
        }

        return stamps;
    }

    /// <summary>Keeps the scenes that did not change and reads only the others (their text and summary) in one query.</summary>
    private async Task<CachedCorpus> RefreshAsync(Guid scriptId, List<SceneStamp> stamps, CachedCorpus? previous, CancellationToken ct)
    {
        var scenes = new Dictionary<Guid, CachedScene>(stamps.Count);
        var missing = new List<Guid>();
        foreach (var stamp in stamps)
        {
            if (previous?.Find(stamp) is { } same) scenes[stamp.Id] = same;
            else missing.Add(stamp.Id);
        }

        if (missing.Count > 0)
        {
            await using var command = dataSource.CreateCommand(ScenesSql);
            command.Parameters.AddWithValue("script", scriptId);
            command.Parameters.AddWithValue("ids", missing.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var types = reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4);
                scenes[reader.GetGuid(0)] = CachedScene.Create(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                    types.Length > 0 && types[0] == HeadingType,
                    reader.IsDBNull(3) ? [] : reader.GetFieldValue<Guid[]>(3),
                    reader.IsDBNull(5) ? [] : reader.GetFieldValue<string[]>(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6));
            }
        }

        // A scene deleted between the two reads is left out now; its absence makes the next call refresh again.
        var ordered = stamps.Where(s => scenes.ContainsKey(s.Id)).Select(s => scenes[s.Id]).ToList();
        var corpus = new CachedCorpus(ordered);
        cache.Set(scriptId, corpus, new MemoryCacheEntryOptions { Size = Math.Max(1, corpus.Characters), SlidingExpiration = Unused });
        return corpus;
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
        private readonly Dictionary<Guid, CachedScene> byId;
        private readonly Bm25Index index;

        public CachedCorpus(IReadOnlyList<CachedScene> scenes)
        {
            this.scenes = scenes;
            byId = scenes.ToDictionary(s => s.Id);
            index = new Bm25Index(scenes.Select(s => s.Terms).ToList());
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
