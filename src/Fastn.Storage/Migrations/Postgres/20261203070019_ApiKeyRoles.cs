using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fastn.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ApiKeyRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "ApiKeys",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Member");

            // Keys from before roles: the bootstrap admin key and FASTN_ADMIN_API_KEY keys (scope "admin", never
            // tenant-scoped) become Admin; every other key becomes Member and can no longer manage keys, vault or settings.
            migrationBuilder.Sql("UPDATE \"ApiKeys\" SET \"Role\" = 'Admin' WHERE \"TenantId\" IS NULL AND (' ' || REPLACE(\"Scopes\", ',', ' ') || ' ') LIKE '% admin %';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Role",
                table: "ApiKeys");
        }
    }
}
