using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WritersRoom.Data.Migrations
{
    /// <inheritdoc />
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

            migrationBuilder.CreateIndex(
                name: "ix_conversations_pending_title",
                table: "conversations",
                column: "updated_at",
                filter: "auto_titled");

            // The summary job's queue: threads whose unsummarised part passed the threshold. EF cannot model an
            // expression index, so it lives here (and in the plan test that proves the job's query uses it).
            migrationBuilder.Sql("CREATE INDEX ix_conversations_unsummarized ON conversations ((message_count - summarized_count))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_conversations_unsummarized");

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
