using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WritersRoom.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommentsOutliveParagraphs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_comments_blocks_block_id",
                table: "comments");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                table: "comments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by_id",
                table: "comments",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "comments");

            migrationBuilder.DropColumn(
                name: "resolved_by_id",
                table: "comments");

            migrationBuilder.AddForeignKey(
                name: "fk_comments_blocks_block_id",
                table: "comments",
                column: "block_id",
                principalTable: "blocks",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
