using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Pgvector;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Scripts;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Benchmark.Seeding;

/// <summary>
/// Makes the reference data set once and reuses it on later runs: bench accounts, the script imported through the
/// app's own <see cref="ScriptImporter"/> until the counts are met, writers as members of the hot scripts, and a
/// summary and an embedding per scene written by binary COPY (the jobs would make them in production).
/// </summary>
public sealed class Seeder(
    IDbContextFactory<WritersRoomDbContext> factory, NpgsqlDataSource dataSource, ScriptImporter importer, BenchOptions options)
{
    /// <summary>Owner of the reference data set; the seed scenario's script has its own owner, so the two never mix.</summary>
    public const string OwnerEmail = "bench-owner@bench.local";
    public const string IncidentOwnerEmail = "bench-incident@bench.local";
    public static string WriterEmail(int i) => $"bench-writer-{i}@bench.local";

    public async Task<SeedResult> SeedAsync(ParsedScreenplay script, string sourceName, string ownerEmail, string embeddingModel, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var ownerId = await EnsureUserAsync(ownerEmail, ct);
        var writerIds = new List<string>();
        for (var i = 0; i < Math.Max(options.Writers, options.Chats); i++) writerIds.Add(await EnsureUserAsync(WriterEmail(i), ct));

        var scenesPerImport = Math.Max(1, SceneSplitter.Split(script.Elements).Count);
        var wanted = Math.Max(options.Scripts, (int)Math.Ceiling(options.Scenes / (double)scenesPerImport));
        var existing = await ScriptIdsAsync(ownerId, ct);
        var imported = 0;
        var title = script.Title ?? "Bench";
        // Two importers at once: the machine has two cores and the database shares them.
        await Parallel.ForEachAsync(Enumerable.Range(0, Math.Max(0, wanted - existing.Count)),
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
            async (_, token) =>
            {
                await importer.ImportAsync(script, title, ownerId, token);
                Interlocked.Increment(ref imported);
            });
        var scripts = (await ScriptIdsAsync(ownerId, ct)).Take(wanted).ToList();
        var hot = scripts.Take(Math.Min(options.HotScripts, scripts.Count)).ToList();
        await EnsureMembersAsync(hot, writerIds, ct);
        var embedded = await EmbedMissingAsync(embeddingModel, ct);
        if (imported > 0 || embedded > 0) await ExecuteAsync("ANALYZE", ct);

        var scenes = await ScalarAsync<long>("SELECT count(*) FROM scenes", ct);
        return new SeedResult(sourceName, scripts.Count, scenes, imported, embedded, Stopwatch.GetElapsedTime(start).TotalSeconds,
            imported == 0 && embedded == 0, hot, writerIds, ownerId);
    }

    private async Task<string> EnsureUserAsync(string email, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalized = email.ToUpperInvariant();
        var id = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (id is not null) return id;
        var user = new AppUser { UserName = email, Email = email, NormalizedEmail = normalized, NormalizedUserName = normalized };
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user.Id;
    }

    private async Task<List<Guid>> ScriptIdsAsync(string ownerId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<ScriptMember>().Where(m => m.UserId == ownerId)
            .OrderBy(m => m.ScriptId).Select(m => m.ScriptId).ToListAsync(ct);
    }

    private async Task EnsureMembersAsync(List<Guid> scripts, List<string> writers, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO script_members (script_id, user_id, role, added_at)
            SELECT s, u, @role, now() FROM unnest(@scripts) AS s, unnest(@users) AS u
            ON CONFLICT DO NOTHING
            """, connection);
        cmd.Parameters.AddWithValue("scripts", scripts.ToArray());
        cmd.Parameters.AddWithValue("users", writers.ToArray());
        cmd.Parameters.AddWithValue("role", (short)ScriptRole.Writer);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Summary (the scene's opening words) and hashed embedding for every scene that has none for the model.</summary>
    private async Task<int> EmbedMissingAsync(string model, CancellationToken ct)
    {
        var embedder = new HashedEmbedder(options.EmbeddingDimensions);
        var rows = new List<(Guid Scene, Guid Script, string Hash, string Text)>();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT s.id, s.script_id, s.content_hash, coalesce(string_agg(b.text, E'\n' ORDER BY b.rank), '')
            FROM scenes s
            LEFT JOIN blocks b ON b.scene_id = s.id
            WHERE NOT EXISTS (SELECT 1 FROM scene_embeddings e WHERE e.scene_id = s.id AND e.model = @model)
            GROUP BY s.id, s.script_id, s.content_hash
            """, connection))
        {
            cmd.Parameters.AddWithValue("model", model);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        }
        if (rows.Count == 0) return 0;

        await using var copy = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await copy.BeginTransactionAsync(ct);
        // A scene embedded before under another model (another --dimensions) already has a summary: replace it.
        await using (var delete = new NpgsqlCommand("DELETE FROM scene_summaries WHERE scene_id = ANY(@ids)", copy, tx))
        {
            delete.Parameters.AddWithValue("ids", rows.Select(r => r.Scene).ToArray());
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using (var summaries = await copy.BeginBinaryImportAsync(
            "COPY scene_summaries (scene_id, script_id, summary, source_hash, model, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in rows)
            {
                await summaries.StartRowAsync(ct);
                await summaries.WriteAsync(r.Scene, NpgsqlDbType.Uuid, ct);
                await summaries.WriteAsync(r.Script, NpgsqlDbType.Uuid, ct);
                await summaries.WriteAsync(r.Text.Length <= 400 ? r.Text : r.Text[..400], NpgsqlDbType.Text, ct);
                await summaries.WriteAsync(r.Hash, NpgsqlDbType.Text, ct);
                await summaries.WriteAsync("bench-extractive", NpgsqlDbType.Text, ct);
                await summaries.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz, ct);
            }
            await summaries.CompleteAsync(ct);
        }
        await using (var embeddings = await copy.BeginBinaryImportAsync(
            "COPY scene_embeddings (scene_id, model, script_id, embedding, dimensions, source_hash, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in rows)
            {
                await embeddings.StartRowAsync(ct);
                await embeddings.WriteAsync(r.Scene, NpgsqlDbType.Uuid, ct);
                await embeddings.WriteAsync(model, NpgsqlDbType.Text, ct);
                await embeddings.WriteAsync(r.Script, NpgsqlDbType.Uuid, ct);
                await embeddings.WriteAsync(new Vector(embedder.Embed(r.Text)), "vector", ct);
                await embeddings.WriteAsync(options.EmbeddingDimensions, NpgsqlDbType.Integer, ct);
                await embeddings.WriteAsync(r.Hash, NpgsqlDbType.Text, ct);
                await embeddings.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz, ct);
            }
            await embeddings.CompleteAsync(ct);
        }
        // The marks the scene job keeps (what the stored summary and vector were made from), so an app started on this
        // data does not summarise and embed every scene again.
        await using (var mark = new NpgsqlCommand(
            "UPDATE scenes SET summarized_hash = content_hash, embedded_hash = content_hash, embedded_model = @model WHERE id = ANY(@ids)", copy, tx))
        {
            mark.Parameters.AddWithValue("model", model);
            mark.Parameters.AddWithValue("ids", rows.Select(r => r.Scene).ToArray());
            await mark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }
}

public sealed record SeedResult(
    string Source, int Scripts, long Scenes, int Imported, int Embedded, double Seconds, bool Reused,
    IReadOnlyList<Guid> HotScripts, IReadOnlyList<string> Writers, string OwnerId);
