using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WritersRoom.Data.Migrations
{
    /// <summary>
    /// Rewrites the assistant proposes, stored on its answer (with what the writers decided), and the AI-assisted mark
    /// on paragraphs an applied rewrite wrote.
    /// </summary>
    public partial class AiRewrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "proposals",
                table: "messages",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<bool>(
                name: "ai_assisted",
                table: "blocks",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "proposals",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "ai_assisted",
                table: "blocks");
        }
    }
}
