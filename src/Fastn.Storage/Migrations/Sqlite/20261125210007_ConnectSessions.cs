using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fastn.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConnectSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConnectSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WorkspaceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AllowedConnectors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReturnUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FormToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsumedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConnectionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Connector = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConnectSessions_Tenants_WorkspaceId_TenantId",
                        columns: x => new { x.WorkspaceId, x.TenantId },
                        principalTable: "Tenants",
                        principalColumns: new[] { "WorkspaceId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkspaceRedirectUrls",
                columns: table => new
                {
                    WorkspaceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkspaceRedirectUrls", x => new { x.WorkspaceId, x.Url });
                    table.ForeignKey(
                        name: "FK_WorkspaceRedirectUrls_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectSessions_TokenHash",
                table: "ConnectSessions",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConnectSessions_WorkspaceId_TenantId_CreatedAt",
                table: "ConnectSessions",
                columns: new[] { "WorkspaceId", "TenantId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConnectSessions");

            migrationBuilder.DropTable(
                name: "WorkspaceRedirectUrls");
        }
    }
}
