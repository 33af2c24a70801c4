using Npgsql;
using NpgsqlTypes;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Scripts;

/// <summary>
/// Binary COPY of scenes and blocks: a feature-length script is thousands of rows, which COPY writes in tens of
/// milliseconds where row-by-row inserts take a second. Runs inside the caller's transaction on its connection.
/// </summary>
public static class ScriptBulkWriter
{
    public static async Task CopyScenesAsync(NpgsqlConnection connection, IEnumerable<Scene> scenes, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY scenes (id, script_id, rank, scene_number, content_hash, content_changed_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var s in scenes)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(s.ScriptId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(s.Rank, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(writer, s.SceneNumber, ct);
            await writer.WriteAsync(s.ContentHash, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(s.ContentChangedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await writer.CompleteAsync(ct);
    }

    public static async Task CopyBlocksAsync(NpgsqlConnection connection, IEnumerable<Block> blocks, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY blocks (id, script_id, scene_id, rank, type, text, extension, dual, level, version, revision_color, extras, updated_at, updated_by) " +
            "FROM STDIN (FORMAT BINARY)", ct);
        foreach (var b in blocks)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(b.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(b.ScriptId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(b.SceneId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(b.Rank, NpgsqlDbType.Varchar, ct);
            // Enums are stored by their C# name (see WritersRoomDbContext.ConfigureConventions).
            await writer.WriteAsync(b.Type.ToString(), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(b.Text, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(writer, b.Extension, ct);
            await writer.WriteAsync(b.Dual, NpgsqlDbType.Boolean, ct);
            if (b.Level is { } level) await writer.WriteAsync(level, NpgsqlDbType.Integer, ct);
            else await writer.WriteNullAsync(ct);
            await writer.WriteAsync(b.Version, NpgsqlDbType.Bigint, ct);
            await WriteNullableAsync(writer, b.RevisionColor, ct);
            if (FormatExtrasJson.Serialize(b.Extras) is { } extras) await writer.WriteAsync(extras, NpgsqlDbType.Jsonb, ct);
            else await writer.WriteNullAsync(ct);
            await writer.WriteAsync(b.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteNullableAsync(writer, b.UpdatedBy, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct)
    {
        if (value is null) await writer.WriteNullAsync(ct);
        else await writer.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}
