using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fastn.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CdmSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CdmSyncs",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WorkspaceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConnectionA = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ConnectionB = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TwoWay = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Conflict = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Passes = table.Column<long>(type: "INTEGER", nullable: false),
                    Read = table.Column<long>(type: "INTEGER", nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    Updated = table.Column<long>(type: "INTEGER", nullable: false),
                    Failed = table.Column<long>(type: "INTEGER", nullable: false),
                    LastPassAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextPassAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdmSyncs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CdmSyncErrors",
                columns: table => new
                {
                    SyncId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WorkspaceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdmSyncErrors", x => new { x.SyncId, x.Side, x.RecordId });
                    table.ForeignKey(
                        name: "FK_CdmSyncErrors_CdmSyncs_SyncId",
                        column: x => x.SyncId,
                        principalTable: "CdmSyncs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CdmSyncLinks",
                columns: table => new
                {
                    SyncId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordA = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WorkspaceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordB = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HashA = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HashB = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdmSyncLinks", x => new { x.SyncId, x.RecordA });
                    table.ForeignKey(
                        name: "FK_CdmSyncLinks_CdmSyncs_SyncId",
                        column: x => x.SyncId,
                        principalTable: "CdmSyncs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CdmSyncErrors_WorkspaceId_TenantId_SyncId",
                table: "CdmSyncErrors",
                columns: new[] { "WorkspaceId", "TenantId", "SyncId" });

            migrationBuilder.CreateIndex(
                name: "IX_CdmSyncLinks_SyncId_RecordB",
                table: "CdmSyncLinks",
                columns: new[] { "SyncId", "RecordB" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CdmSyncLinks_WorkspaceId_TenantId_SyncId",
                table: "CdmSyncLinks",
                columns: new[] { "WorkspaceId", "TenantId", "SyncId" });

            migrationBuilder.CreateIndex(
                name: "IX_CdmSyncs_Status_NextPassAt",
                table: "CdmSyncs",
                columns: new[] { "Status", "NextPassAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CdmSyncs_WorkspaceId_TenantId_CreatedAt",
                table: "CdmSyncs",
                columns: new[] { "WorkspaceId", "TenantId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CdmSyncErrors");

            migrationBuilder.DropTable(
                name: "CdmSyncLinks");

            migrationBuilder.DropTable(
                name: "CdmSyncs");
        }
    }
}
