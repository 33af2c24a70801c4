using Microsoft.EntityFrameworkCore;
using Npgsql;
using WritersRoom.Core.Bible;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Bible;

/// <summary>
/// Characters and locations as the cast job keeps them: which scripts changed since the last detection
/// (a fingerprint of their scene hashes), their scenes' text, and the write that merges a detection into
/// the stored rows without touching the writer's approved sheets.
/// </summary>
public sealed class CastStore(JobConnectionGate gate)
{
    /// <summary>Scripts whose scenes changed since the last detection and have been quiet since <paramref name="quietBefore"/>.</summary>
    public async Task<List<(Guid ScriptId, string Fingerprint)>> ScriptsToDetectAsync(DateTimeOffset quietBefore, int limit, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT f.script_id, f.fingerprint FROM (
                SELECT script_id, md5(string_agg(content_hash, ',' ORDER BY rank)) AS fingerprint, max(content_changed_at) AS changed
                FROM scenes GROUP BY script_id) f
            LEFT JOIN script_bible_states b ON b.script_id = f.script_id
            WHERE f.changed <= @quiet AND b.cast_source_hash IS DISTINCT FROM f.fingerprint
            ORDER BY f.changed
            LIMIT @limit
            """, lease.Value);
        command.Parameters.AddWithValue("quiet", quietBefore.ToUniversalTime());
        command.Parameters.AddWithValue("limit", limit);
        var list = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add((reader.GetGuid(0), reader.GetString(1)));
        return list;
    }

    /// <summary>A script's scenes in order with their paragraphs: two queries, whatever the number of scenes.</summary>
    public async Task<List<SceneContent>> LoadScenesAsync(Guid scriptId, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        var ids = new List<Guid>();
        await using (var command = new NpgsqlCommand("SELECT id FROM scenes WHERE script_id = @script ORDER BY rank", lease.Value))
        {
            command.Parameters.AddWithValue("script", scriptId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        }
        var paragraphs = await SceneWorkStore.ReadParagraphsAsync(lease.Value, ids.ToArray(), ct);
        return ids.Select(id => new SceneContent(id, paragraphs.TryGetValue(id, out var p) ? p : [])).ToList();
    }

    /// <summary>
    /// Merges a detection in one transaction: counts and first appearances are replaced; a name no longer in
    /// the script is removed unless the writer wrote or approved its sheet (then it stays with zero scenes).
    /// </summary>
    public async Task SaveAsync(Guid scriptId, string fingerprint, DetectedCast cast, DateTimeOffset now, CancellationToken ct)
    {
        await using var lease = await gate.CreateContextAsync(ct);
        var db = lease.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var characters = await db.Characters.Where(c => c.ScriptId == scriptId).ToDictionaryAsync(c => c.Name, ct);
        foreach (var detected in cast.Characters)
        {
            if (!characters.Remove(detected.Name, out var row))
                db.Characters.Add(row = new Character { ScriptId = scriptId, Name = detected.Name });
            (row.SceneCount, row.LineCount, row.FirstSceneId, row.UpdatedAt) = (detected.SceneCount, detected.LineCount, detected.FirstSceneId, now);
        }
        foreach (var gone in characters.Values)
        {
            if (gone.Sheet is null) db.Characters.Remove(gone);
            else (gone.SceneCount, gone.LineCount, gone.FirstSceneId) = (0, 0, null);
        }

        var locations = await db.Locations.Where(l => l.ScriptId == scriptId).ToDictionaryAsync(l => l.Name, ct);
        foreach (var detected in cast.Locations)
        {
            if (!locations.Remove(detected.Name, out var row))
                db.Locations.Add(row = new Location { ScriptId = scriptId, Name = detected.Name });
            (row.SceneCount, row.FirstSceneId) = (detected.SceneCount, detected.FirstSceneId);
        }
        db.Locations.RemoveRange(locations.Values);

        var state = await db.ScriptBibleStates.FindAsync([scriptId], ct);
        if (state is null) db.ScriptBibleStates.Add(state = new ScriptBibleState { ScriptId = scriptId });
        (state.CastSourceHash, state.CastUpdatedAt) = (fingerprint, now);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
