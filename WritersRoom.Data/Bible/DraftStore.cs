using Microsoft.EntityFrameworkCore;
using Npgsql;
using WritersRoom.Core.Bible;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Bible;

/// <summary>A main character whose presence in the script changed since their last drafted sheet.</summary>
public sealed record SheetCandidate(Guid CharacterId, Guid ScriptId, string Name, string Fingerprint);

/// <summary>
/// The state behind the drafting jobs (character sheets and outline): who needs a draft, and the writes that put
/// drafts beside — never over — what the writer approved. Each call holds a gated connection only for its queries.
/// </summary>
public sealed class DraftStore(JobConnectionGate gate)
{
    // What a sheet is drafted from: the character's presence. A new scene, line or first appearance redrafts.
    private const string Fingerprint = "c.scene_count || ':' || c.line_count || ':' || coalesce(c.first_scene_id::text, '')";

    /// <summary>Main characters (first @main of each script by scenes) whose presence changed since their last draft.</summary>
    internal const string SheetCandidates = $"""
        SELECT id, script_id, name, fingerprint, place FROM (
            SELECT c.id, c.script_id, c.name, c.draft_source_hash, {Fingerprint} AS fingerprint,
                   row_number() OVER (PARTITION BY c.script_id ORDER BY c.scene_count DESC, c.name) AS place
            FROM characters c WHERE c.scene_count > 0) ranked
        WHERE place <= @main AND draft_source_hash IS DISTINCT FROM fingerprint
        """;

    /// <summary>Scripts to outline: asked for since the last draft, or never drafted, unoutlined, summarised and quiet since @quiet.</summary>
    internal const string OutlineCandidates = """
        SELECT s.id, b.outline_drafted_at FROM scripts s
        LEFT JOIN script_bible_states b ON b.script_id = s.id
        WHERE (b.outline_requested_at IS NOT NULL AND b.outline_requested_at > coalesce(b.outline_drafted_at, '-infinity'))
           OR (b.outline_drafted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM outline_items o WHERE o.script_id = s.id)
               AND EXISTS (SELECT 1 FROM scenes sc WHERE sc.script_id = s.id)
               AND NOT EXISTS (SELECT 1 FROM scenes sc WHERE sc.script_id = s.id
                               AND (sc.content_changed_at > @quiet OR sc.summarized_hash IS DISTINCT FROM sc.content_hash)))
        """;

    /// <summary>
    /// The main characters (the first <paramref name="mainCharacters"/> of each script by scenes, as the global context
    /// ranks them) whose presence changed since their last draft, grouped by script.
    /// </summary>
    public async Task<List<SheetCandidate>> SheetsToDraftAsync(int mainCharacters, int limit, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT id, script_id, name, fingerprint FROM ({SheetCandidates}) c ORDER BY script_id, place LIMIT @limit", lease.Value);
        command.Parameters.AddWithValue("main", mainCharacters);
        command.Parameters.AddWithValue("limit", limit);
        var list = new List<SheetCandidate>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(new SheetCandidate(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        return list;
    }

    /// <summary>
    /// Stores a pending draft beside the approved sheet (a pending draft from older presence is replaced). Skipped when
    /// a draft for this presence already exists, so a rerun after a crash writes nothing twice.
    /// </summary>
    public async Task<bool> SaveSheetDraftAsync(Guid characterId, string fingerprint, string draft, DateTimeOffset now, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE characters SET draft_sheet = @draft, draft_status = 'Pending', draft_source_hash = @fingerprint, drafted_at = @now
            WHERE id = @id AND draft_source_hash IS DISTINCT FROM @fingerprint
            """, lease.Value);
        command.Parameters.AddWithValue("id", characterId);
        command.Parameters.AddWithValue("fingerprint", fingerprint);
        command.Parameters.AddWithValue("draft", draft);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The summaries of a script's scenes by scene id (for a model's sheet).</summary>
    public async Task<Dictionary<Guid, string>> SummariesAsync(Guid scriptId, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT scene_id, summary FROM scene_summaries WHERE script_id = @script", lease.Value);
        command.Parameters.AddWithValue("script", scriptId);
        var map = new Dictionary<Guid, string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) map[reader.GetGuid(0)] = reader.GetString(1);
        return map;
    }

    /// <summary>
    /// Scripts that need an outline draft, with the time of the request they answer (null for the first, automatic
    /// draft): asked for by a writer since the last draft; or never drafted, with no outline at all, every scene
    /// summarised from its current text and quiet since <paramref name="quietBefore"/>.
    /// </summary>
    public async Task<List<(Guid ScriptId, DateTimeOffset? DraftedAt)>> ScriptsToOutlineAsync(DateTimeOffset quietBefore, int limit, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"{OutlineCandidates} LIMIT @limit", lease.Value);
        command.Parameters.AddWithValue("quiet", quietBefore.ToUniversalTime());
        command.Parameters.AddWithValue("limit", limit);
        var list = new List<(Guid, DateTimeOffset?)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1)));
        return list;
    }

    /// <summary>A script's scenes in order as the outline drafts them: heading and summary (or the first action line).</summary>
    public async Task<List<SceneSynopsis>> SynopsesAsync(Guid scriptId, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT s.id, h.type, h.text, m.summary,
                   (SELECT a.text FROM blocks a WHERE a.scene_id = s.id AND a.type = 'Action' ORDER BY a.rank LIMIT 1)
            FROM scenes s
            LEFT JOIN LATERAL (SELECT b.type, b.text FROM blocks b WHERE b.scene_id = s.id ORDER BY b.rank LIMIT 1) h ON true
            LEFT JOIN scene_summaries m ON m.scene_id = s.id
            WHERE s.script_id = @script
            ORDER BY s.rank
            """, lease.Value);
        command.Parameters.AddWithValue("script", scriptId);
        var list = new List<SceneSynopsis>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var heading = !reader.IsDBNull(1) && reader.GetString(1) == nameof(ElementType.SceneHeading) ? reader.GetString(2) : null;
            var summary = reader.IsDBNull(3) ? (reader.IsDBNull(4) ? "" : reader.GetString(4)) : reader.GetString(3);
            list.Add(new SceneSynopsis(reader.GetGuid(0), heading, summary));
        }
        return list;
    }

    /// <summary>
    /// Replaces the script's pending outline draft with <paramref name="acts"/> (items in document order, ranked so that
    /// ordering by rank gives the tree), in one transaction that first re-checks that no other run drafted since
    /// <paramref name="expectedDraftedAt"/>. The approved outline is not touched: the writer decides.
    /// </summary>
    public async Task<bool> SaveOutlineDraftAsync(Guid scriptId, DateTimeOffset? expectedDraftedAt, IReadOnlyList<DraftAct> acts, DateTimeOffset now, CancellationToken ct)
    {
        await using var lease = await gate.CreateContextAsync(ct);
        var db = lease.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO script_bible_states (script_id) SELECT {scriptId} WHERE EXISTS (SELECT 1 FROM scripts WHERE id = {scriptId}) ON CONFLICT DO NOTHING", ct);
        var state = await db.ScriptBibleStates.FromSqlInterpolated($"SELECT * FROM script_bible_states WHERE script_id = {scriptId} FOR UPDATE")
            .FirstOrDefaultAsync(ct);
        if (state is null || state.OutlineDraftedAt != expectedDraftedAt) return false;

        await db.OutlineItems.Where(o => o.ScriptId == scriptId && o.Status == DraftStatus.Pending).ExecuteDeleteAsync(ct);
        var items = Flatten(scriptId, acts, now);
        db.OutlineItems.AddRange(items);
        state.OutlineDraftedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static List<OutlineItem> Flatten(Guid scriptId, IReadOnlyList<DraftAct> acts, DateTimeOffset now)
    {
        var items = new List<OutlineItem>();
        OutlineItem Add(Guid? parent, OutlineKind kind, string title, string? description, List<Guid> scenes)
        {
            var item = new OutlineItem
            {
                ScriptId = scriptId, ParentId = parent, Kind = kind, Rank = "", Title = Clip(title, 300), Description = description,
                SceneIds = scenes, Status = DraftStatus.Pending, AiDrafted = true, UpdatedAt = now,
            };
            items.Add(item);
            return item;
        }

        foreach (var act in acts)
        {
            var a = Add(null, OutlineKind.Act, act.Title, act.Description, act.Sequences.SelectMany(s => s.Beats).SelectMany(b => b.SceneIds).ToList());
            foreach (var sequence in act.Sequences)
            {
                var s = Add(a.Id, OutlineKind.Sequence, sequence.Title, sequence.Description, sequence.Beats.SelectMany(b => b.SceneIds).ToList());
                foreach (var beat in sequence.Beats) Add(s.Id, OutlineKind.Beat, beat.Title, beat.Description, beat.SceneIds.ToList());
            }
        }
        var ranks = Ranks.Sequence(items.Count);
        for (var i = 0; i < items.Count; i++) items[i].Rank = ranks[i];
        return items;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
