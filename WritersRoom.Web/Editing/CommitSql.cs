using Npgsql;
using NpgsqlTypes;

namespace WritersRoom.Web.Editing;

/// <summary>
/// The SQL of one group commit: each table gets one set-based statement over arrays (unnest), all sent in one
/// batch inside one transaction. A block row is only overwritten by a version at least as new ("block versions
/// in the database order the writes" when several instances hold the script), and never across scripts.
/// </summary>
internal static class CommitSql
{
    private const string UpsertScenes = """
        INSERT INTO scenes (id, script_id, rank, scene_number, content_hash, content_changed_at)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
        ON CONFLICT (id) DO UPDATE SET rank = excluded.rank, scene_number = excluded.scene_number,
            content_hash = excluded.content_hash, content_changed_at = excluded.content_changed_at
        WHERE scenes.script_id = excluded.script_id
        """;

    private const string UpsertBlocks = """
        INSERT INTO blocks (id, script_id, scene_id, rank, type, text, extension, dual, level, version, revision_color, updated_at, updated_by)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
            $9::integer[], $10::bigint[], $11::text[], $12::timestamptz[], $13::text[])
        ON CONFLICT (id) DO UPDATE SET scene_id = excluded.scene_id, rank = excluded.rank, type = excluded.type, text = excluded.text,
            extension = excluded.extension, dual = excluded.dual, level = excluded.level, version = excluded.version,
            revision_color = excluded.revision_color, updated_at = excluded.updated_at, updated_by = excluded.updated_by
        WHERE blocks.script_id = excluded.script_id AND blocks.version <= excluded.version
        """;

    private const string InsertOps = """
        INSERT INTO applied_operations (op_id, script_id, script_version, applied_at)
        SELECT o, s, v, now() FROM unnest($1::uuid[], $2::uuid[], $3::bigint[]) AS u(o, s, v)
        ON CONFLICT (op_id) DO NOTHING
        """;

    private const string BumpScripts = """
        UPDATE scripts SET version = GREATEST(scripts.version, u.v), updated_at = now()
        FROM unnest($1::uuid[], $2::bigint[]) AS u(id, v) WHERE scripts.id = u.id
        """;

    public static async Task WriteAsync(NpgsqlDataSource dataSource, IReadOnlyList<CommitBatch> batches, CancellationToken ct)
    {
        var scenes = batches.SelectMany(b => b.Scenes).ToList();
        var blocks = batches.SelectMany(b => b.Blocks).ToList();
        var ops = batches.SelectMany(b => b.OpIds.Select(id => (Op: id, b.Session.ScriptId, Version: b.ScriptVersion))).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, tx);
        if (scenes.Count > 0)
            batch.BatchCommands.Add(Command(UpsertScenes, scenes.Select(s => s.Id).ToArray(), scenes.Select(s => s.ScriptId).ToArray(),
                scenes.Select(s => s.Rank).ToArray(), scenes.Select(s => s.SceneNumber).ToArray(),
                scenes.Select(s => s.ContentHash).ToArray(), scenes.Select(s => s.ContentChangedAt).ToArray()));
        if (blocks.Count > 0)
            batch.BatchCommands.Add(Command(UpsertBlocks, blocks.Select(b => b.Id).ToArray(), blocks.Select(b => b.ScriptId).ToArray(),
                blocks.Select(b => b.SceneId).ToArray(), blocks.Select(b => b.Rank).ToArray(), blocks.Select(b => b.Type.ToString()).ToArray(),
                blocks.Select(b => b.Text).ToArray(), blocks.Select(b => b.Extension).ToArray(), blocks.Select(b => b.Dual).ToArray(),
                blocks.Select(b => b.Level).ToArray(), blocks.Select(b => b.Version).ToArray(), blocks.Select(b => b.RevisionColor).ToArray(),
                blocks.Select(b => b.UpdatedAt).ToArray(), blocks.Select(b => b.UpdatedBy).ToArray()));
        var deletedBlocks = batches.SelectMany(b => b.DeletedBlocks).ToArray();
        if (deletedBlocks.Length > 0)
            batch.BatchCommands.Add(Command("DELETE FROM blocks WHERE id = ANY($1)", deletedBlocks));
        var deletedScenes = batches.SelectMany(b => b.DeletedScenes).ToArray();
        if (deletedScenes.Length > 0)
            batch.BatchCommands.Add(Command("DELETE FROM scenes WHERE id = ANY($1)", deletedScenes));
        if (ops.Count > 0)
            batch.BatchCommands.Add(Command(InsertOps, ops.Select(o => o.Op).ToArray(), ops.Select(o => o.ScriptId).ToArray(),
                ops.Select(o => o.Version).ToArray()));
        var numbering = batches.Where(b => b.SceneNumbersLocked is not null).ToList();
        if (numbering.Count > 0)
            batch.BatchCommands.Add(Command("UPDATE scripts SET scene_numbers_locked = u.l FROM unnest($1::uuid[], $2::boolean[]) AS u(id, l) WHERE scripts.id = u.id",
                numbering.Select(b => b.Session.ScriptId).ToArray(), numbering.Select(b => b.SceneNumbersLocked!.Value).ToArray()));
        batch.BatchCommands.Add(Command(BumpScripts, batches.Select(b => b.Session.ScriptId).ToArray(), batches.Select(b => b.ScriptVersion).ToArray()));

        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays) command.Parameters.Add(new NpgsqlParameter { Value = array });
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
}
