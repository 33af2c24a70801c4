using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WritersRoom.Data.Migrations
{
    /// <summary>
    /// The living bible's state: marks on scenes for the scene job's queue, conversation title/summary state, sheet draft
    /// sources, outline draft requests, and the indexes each job's queue query uses.
    /// </summary>
    public partial class LivingBible : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "outline_drafted_at",
                table: "script_bible_states",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "outline_requested_at",
                table: "script_bible_states",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embedded_hash",
                table: "scenes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embedded_model",
                table: "scenes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "summarized_hash",
                table: "scenes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "summarized_count",
                table: "conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "summary_attempts",
                table: "conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "summary_retry_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "title_attempts",
                table: "conversations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "title_retry_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "draft_source_hash",
                table: "characters",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "drafted_at",
                table: "characters",
                type: "timestamp with time zone",
                nullable: true);

            // Marks for what exists already, so an upgraded database does not summarise and embed everything again.
            migrationBuilder.Sql("""
                UPDATE scenes s SET summarized_hash = m.source_hash FROM scene_summaries m WHERE m.scene_id = s.id;
                UPDATE scenes s SET embedded_hash = e.source_hash, embedded_model = e.model
                FROM (SELECT DISTINCT ON (scene_id) scene_id, source_hash, model FROM scene_embeddings ORDER BY scene_id, created_at DESC) e
                WHERE e.scene_id = s.id;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_scenes_embedded_model",
                table: "scenes",
                column: "embedded_model");

            migrationBuilder.CreateIndex(
                name: "ix_scenes_stale",
                table: "scenes",
                columns: new[] { "content_changed_at", "id" },
                filter: "summarized_hash IS DISTINCT FROM content_hash OR embedded_hash IS DISTINCT FROM content_hash");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_pending_title",
                table: "conversations",
                column: "updated_at",
                filter: "auto_titled");

            // The summary job's queue: threads whose unsummarised part passed the threshold. EF cannot model an
            // expression index, so it lives here (and in the plan test that proves the job's query uses it).
            migrationBuilder.Sql("CREATE INDEX ix_conversations_unsummarized ON conversations ((message_count - summarized_count));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_conversations_unsummarized;");

            migrationBuilder.DropIndex(
                name: "ix_scenes_embedded_model",
                table: "scenes");

            migrationBuilder.DropIndex(
                name: "ix_scenes_stale",
                table: "scenes");

            migrationBuilder.DropIndex(
                name: "ix_conversations_pending_title",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "outline_drafted_at",
                table: "script_bible_states");

            migrationBuilder.DropColumn(
                name: "outline_requested_at",
                table: "script_bible_states");

            migrationBuilder.DropColumn(
                name: "embedded_hash",
                table: "scenes");

            migrationBuilder.DropColumn(
                name: "embedded_model",
                table: "scenes");

            migrationBuilder.DropColumn(
                name: "summarized_hash",
                table: "scenes");

            migrationBuilder.DropColumn(
                name: "summarized_count",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "summary_attempts",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "summary_retry_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "title_attempts",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "title_retry_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "draft_source_hash",
                table: "characters");

            migrationBuilder.DropColumn(
                name: "drafted_at",
                table: "characters");
        }
    }
}
