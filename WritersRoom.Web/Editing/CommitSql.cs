using Npgsql;
using NpgsqlTypes;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>
/// The SQL of one group commit: each kind of row gets one set-based statement over arrays (unnest), all sent in one
/// batch inside one transaction. Block versions in the database order the writes when several instances hold the
/// script: an existing block is only updated where it still has the version this session last knew there
/// (compare-and-set), an existing scene is only updated (never re-created after another instance deleted it), and a
/// scene is only deleted once empty. When any row does not land, the whole transaction is rolled back and the
/// sessions involved re-read the database, merge, and write again: nothing of either instance is lost.
/// </summary>
/// <summary>Whether a group commit landed; if not, the new paragraphs that can never land under their id.</summary>
internal sealed record WriteOutcome(bool Landed, IReadOnlySet<Guid> ForeignBlocks);

internal static class CommitSql
{
    private const string InsertScenes = """
        INSERT INTO scenes (id, script_id, rank, scene_number, content_hash, content_changed_at)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
        ON CONFLICT (id) DO UPDATE SET rank = excluded.rank, scene_number = excluded.scene_number,
            content_hash = excluded.content_hash, content_changed_at = excluded.content_changed_at
        WHERE scenes.script_id = excluded.script_id
        """;

    private const string UpdateScenes = """
        UPDATE scenes SET rank = u.rank, scene_number = u.scene_number, content_hash = u.content_hash, content_changed_at = u.changed_at
        FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
            AS u(id, script_id, rank, scene_number, content_hash, changed_at)
        WHERE scenes.id = u.id AND scenes.script_id = u.script_id
        """;

    // Extras go as text and are cast per row: a paragraph's extras are written whole with it, so an edit keeps them.
    private const string InsertBlocks = """
        INSERT INTO blocks (id, script_id, scene_id, rank, type, text, extension, dual, level, version, revision_color, updated_at, updated_by,
            ai_assisted, extras)
        SELECT u.id, u.script_id, u.scene_id, u.rank, u.type, u.text, u.extension, u.dual, u.level, u.version, u.revision_color,
            u.updated_at, u.updated_by, u.ai_assisted, u.extras::jsonb
        FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
            $9::integer[], $10::bigint[], $11::text[], $12::timestamptz[], $13::text[], $14::boolean[], $15::text[])
            AS u(id, script_id, scene_id, rank, type, text, extension, dual, level, version, revision_color, updated_at, updated_by,
                ai_assisted, extras)
        WHERE EXISTS (SELECT 1 FROM scenes s WHERE s.id = u.scene_id AND s.script_id = u.script_id)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string UpdateBlocks = """
        UPDATE blocks SET scene_id = u.scene_id, rank = u.rank, type = u.type, text = u.text, extension = u.extension, dual = u.dual,
            level = u.level, version = u.version, revision_color = u.revision_color, updated_at = u.updated_at, updated_by = u.updated_by,
            ai_assisted = u.ai_assisted, extras = u.extras::jsonb
        FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
            $9::integer[], $10::bigint[], $11::text[], $12::timestamptz[], $13::text[], $14::boolean[], $15::text[], $16::bigint[])
            AS u(id, script_id, scene_id, rank, type, text, extension, dual, level, version, revision_color, updated_at, updated_by,
                ai_assisted, extras, expected)
        WHERE blocks.id = u.id AND blocks.script_id = u.script_id AND blocks.version = u.expected
            AND EXISTS (SELECT 1 FROM scenes s WHERE s.id = u.scene_id AND s.script_id = u.script_id)
        """;

    private const string DeleteBlocks = "DELETE FROM blocks WHERE id = ANY($1) AND script_id = ANY($2)";

    // Only empty scenes go: a paragraph another instance just put there must not be cascaded away.
    private const string DeleteScenes = """
        DELETE FROM scenes s WHERE s.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.scene_id = s.id)
        """;

    // Counts the scenes that should be gone and are not (a no-op update, so the count comes back per statement).
    private const string ScenesStillThere = "UPDATE scenes SET rank = rank WHERE id = ANY($1)";

    private const string InsertOps = """
        INSERT INTO applied_operations (op_id, script_id, script_version, applied_at)
        SELECT o, s, v, now() FROM unnest($1::uuid[], $2::uuid[], $3::bigint[]) AS u(o, s, v)
        ON CONFLICT (op_id) DO NOTHING
        """;

    private const string BumpScripts = """
        UPDATE scripts SET version = GREATEST(scripts.version, u.v), updated_at = now()
        FROM unnest($1::uuid[], $2::bigint[]) AS u(id, v) WHERE scripts.id = u.id
        """;

    // New paragraphs whose id another script already uses (a forged id): they can never be written under it.
    private const string ForeignBlockIds = """
        SELECT b.id FROM blocks b JOIN unnest($1::uuid[], $2::uuid[]) AS u(id, script_id) ON b.id = u.id WHERE b.script_id <> u.script_id
        """;

    /// <summary>
    /// Writes the batches in one transaction. Not landed (and nothing written) if a row did not land; then
    /// <see cref="WriteOutcome.ForeignBlocks"/> names new paragraphs whose id belongs to another script.
    /// </summary>
    public static async Task<WriteOutcome> WriteAsync(NpgsqlDataSource dataSource, IReadOnlyList<CommitBatch> batches, CancellationToken ct)
    {
        var scenes = batches.SelectMany(b => b.Scenes).ToList();
        var newScenes = scenes.Where(s => s.IsNew).ToList();
        var oldScenes = scenes.Where(s => !s.IsNew).ToList();
        var blocks = batches.SelectMany(b => b.Blocks).ToList();
        var newBlocks = blocks.Where(b => b.ExpectedVersion is null).ToList();
        var oldBlocks = blocks.Where(b => b.ExpectedVersion is not null).ToList();
        // The marker of each batch goes in with its operations: one look-up later tells whether the batch landed.
        var ops = batches.SelectMany(b => b.OpIds.Append(b.Marker).Select(id => (Op: id, b.Session.ScriptId, Version: b.ScriptVersion))).ToList();
        var deletedBlocks = batches.SelectMany(b => b.DeletedBlocks).ToArray();
        var deletedScenes = batches.SelectMany(b => b.DeletedScenes).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, tx);
        var checks = new List<(NpgsqlBatchCommand Command, int Expected)>();
        if (newScenes.Count > 0) checks.Add((Add(batch, InsertScenes, SceneArrays(newScenes)), newScenes.Count));
        if (oldScenes.Count > 0) checks.Add((Add(batch, UpdateScenes, SceneArrays(oldScenes)), oldScenes.Count));
        if (newBlocks.Count > 0) checks.Add((Add(batch, InsertBlocks, BlockArrays(newBlocks)), newBlocks.Count));
        if (oldBlocks.Count > 0)
            checks.Add((Add(batch, UpdateBlocks, [.. BlockArrays(oldBlocks), oldBlocks.Select(b => b.ExpectedVersion!.Value).ToArray()]), oldBlocks.Count));
        if (deletedBlocks.Length > 0)
            Add(batch, DeleteBlocks, deletedBlocks, batches.Select(b => b.Session.ScriptId).Distinct().ToArray());
        if (deletedScenes.Length > 0)
        {
            Add(batch, DeleteScenes, deletedScenes);
            checks.Add((Add(batch, ScenesStillThere, deletedScenes), 0));
        }
        Add(batch, InsertOps, ops.Select(o => o.Op).ToArray(), ops.Select(o => o.ScriptId).ToArray(), ops.Select(o => o.Version).ToArray());
        var numbering = batches.Where(b => b.SceneNumbersLocked is not null).ToList();
        if (numbering.Count > 0)
            Add(batch, "UPDATE scripts SET scene_numbers_locked = u.l FROM unnest($1::uuid[], $2::boolean[]) AS u(id, l) WHERE scripts.id = u.id",
                numbering.Select(b => b.Session.ScriptId).ToArray(), numbering.Select(b => b.SceneNumbersLocked!.Value).ToArray());
        Add(batch, BumpScripts, batches.Select(b => b.Session.ScriptId).ToArray(), batches.Select(b => b.ScriptVersion).ToArray());

        await batch.ExecuteNonQueryAsync(ct);
        if (checks.Any(c => c.Command.RecordsAffected != c.Expected))
        {
            var foreign = new HashSet<Guid>();
            if (newBlocks.Count > 0)
            {
                await using var query = new NpgsqlCommand(ForeignBlockIds, connection, tx);
                query.Parameters.Add(new NpgsqlParameter { Value = newBlocks.Select(b => b.Id).ToArray() });
                query.Parameters.Add(new NpgsqlParameter { Value = newBlocks.Select(b => b.ScriptId).ToArray() });
                await using var reader = await query.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) foreign.Add(reader.GetGuid(0));
            }
            await tx.RollbackAsync(ct);
            return new WriteOutcome(false, foreign);
        }
        await tx.CommitAsync(ct);
        return new WriteOutcome(true, new HashSet<Guid>());
    }

    private static object[] SceneArrays(List<SceneRow> scenes) =>
    [
        scenes.Select(s => s.Id).ToArray(), scenes.Select(s => s.ScriptId).ToArray(), scenes.Select(s => s.Rank).ToArray(),
        scenes.Select(s => s.SceneNumber).ToArray(), scenes.Select(s => s.ContentHash).ToArray(), scenes.Select(s => s.ContentChangedAt).ToArray(),
    ];

    private static object[] BlockArrays(List<BlockRow> blocks) =>
    [
        blocks.Select(b => b.Id).ToArray(), blocks.Select(b => b.ScriptId).ToArray(), blocks.Select(b => b.SceneId).ToArray(),
        blocks.Select(b => b.Rank).ToArray(), blocks.Select(b => b.Type.ToString()).ToArray(), blocks.Select(b => b.Text).ToArray(),
        blocks.Select(b => b.Extension).ToArray(), blocks.Select(b => b.Dual).ToArray(), blocks.Select(b => b.Level).ToArray(),
        blocks.Select(b => b.Version).ToArray(), blocks.Select(b => b.RevisionColor).ToArray(), blocks.Select(b => b.UpdatedAt).ToArray(),
        blocks.Select(b => b.UpdatedBy).ToArray(), blocks.Select(b => b.AiAssisted).ToArray(),
        blocks.Select(b => FormatExtrasJson.Serialize(b.Extras)).ToArray(),
    ];

    private static NpgsqlBatchCommand Add(NpgsqlBatch batch, string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays) command.Parameters.Add(new NpgsqlParameter { Value = array });
        batch.BatchCommands.Add(command);
        return command;
    }

    /// <summary>Which of these op ids the database already holds: one query, only for resent operations.</summary>
    public static async Task<IReadOnlyList<Guid>> AppliedAsync(NpgsqlDataSource dataSource, Guid scriptId, Guid[] opIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT op_id FROM applied_operations WHERE script_id = $1 AND op_id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = scriptId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = opIds });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<Guid>();
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }

    /// <summary>Which of these batch markers are in the database: the batches whose outcome was unknown and that landed.</summary>
    public static async Task<HashSet<Guid>> LandedAsync(NpgsqlDataSource dataSource, Guid[] markers, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT op_id FROM applied_operations WHERE op_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = markers });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new HashSet<Guid>();
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }
}
