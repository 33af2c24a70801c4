using Microsoft.EntityFrameworkCore;
using Npgsql;
using WritersRoom.TestSupport;

namespace WritersRoom.Data.Tests;

/// <summary>The schema as migrations build it: every table of the model, pgvector, and an index behind each hot lookup.</summary>
public sealed class SchemaTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrations_create_every_table_of_the_model_and_the_vector_extension()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));

        string[] expected =
        [
            "scripts", "script_members", "scenes", "blocks", "characters", "locations", "outline_items", "scene_summaries",
            "scene_embeddings", "conversations", "messages", "token_usages", "snapshots", "comments", "applied_operations",
            "data_protection_keys", "AspNetUsers", "AspNetRoles", "AspNetUserRoles",
        ];
        Assert.All(expected, t => Assert.Contains(t, tables));

        await using var ext = new NpgsqlCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'", connection);
        Assert.NotNull(await ext.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task Every_foreign_key_column_is_the_leading_column_of_an_index()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        // Foreign keys whose first column does not lead any index on that table: each one is a lookup without an index.
        const string sql = """
            SELECT c.conrelid::regclass::text || '.' || a.attname
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
            """;
        var missing = new List<string>();
        await using (var cmd = new NpgsqlCommand(sql, connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) missing.Add(reader.GetString(0));
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("SELECT * FROM blocks WHERE script_id = '00000000-0000-0000-0000-000000000001' ORDER BY rank", "ix_blocks_script_id")]
    [InlineData("SELECT * FROM scenes WHERE script_id = '00000000-0000-0000-0000-000000000001' ORDER BY rank", "ix_scenes_script_id_rank")]
    [InlineData("SELECT * FROM script_members WHERE user_id = 'u'", "ix_script_members_user_id")]
    [InlineData("SELECT * FROM script_members WHERE script_id = '00000000-0000-0000-0000-000000000001' AND user_id = 'u'", "pk_script_members")]
    [InlineData("SELECT * FROM scene_embeddings WHERE script_id = '00000000-0000-0000-0000-000000000001' AND model = 'm'", "ix_scene_embeddings_script_id_model")]
    [InlineData("SELECT * FROM messages WHERE conversation_id = '00000000-0000-0000-0000-000000000001' ORDER BY created_at DESC LIMIT 20", "ix_messages_conversation_id_created_at")]
    [InlineData("SELECT * FROM conversations WHERE script_id = '00000000-0000-0000-0000-000000000001' ORDER BY updated_at DESC", "ix_conversations_script_id_updated_at")]
    public async Task Hot_queries_have_an_index_in_their_plan(string query, string index)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        // The tables are nearly empty, where a sequential scan is cheapest; forbid it to see which index serves the query.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync(ct);
        var plan = new List<string>();
        await using (var explain = new NpgsqlCommand("EXPLAIN " + query, connection))
        await using (var reader = await explain.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) plan.Add(reader.GetString(0));
        Assert.Contains(index, string.Join("\n", plan));
    }
}
