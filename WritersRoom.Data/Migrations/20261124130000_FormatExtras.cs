using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WritersRoom.Data.Migrations
{
    /// <summary>
    /// What an imported file said that we do not model (Final Draft paragraph attributes and types, document settings),
    /// kept per paragraph and per script so an export to that format writes it back. Nullable jsonb: NULL for nearly
    /// every row, so rows stay as narrow as before.
    /// </summary>
    public partial class FormatExtras : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "extras",
                table: "scripts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "extras",
                table: "blocks",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "extras",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "extras",
                table: "blocks");
        }
    }
}
