using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fastn.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PollEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InitialSync",
                table: "Subscriptions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Baseline");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastPollAt",
                table: "Subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastPollOutcome",
                table: "Subscriptions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextPollAt",
                table: "Subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PollBaselineTaken",
                table: "Subscriptions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PollCron",
                table: "Subscriptions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PollFailures",
                table: "Subscriptions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PollIntervalSeconds",
                table: "Subscriptions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PollPass",
                table: "Subscriptions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PollPassStartedAt",
                table: "Subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PollSince",
                table: "Subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PollSlot",
                table: "Subscriptions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PollTimeZone",
                table: "Subscriptions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PollRecordHashes",
                columns: table => new
                {
                    SubscriptionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    WorkspaceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Changes = table.Column<long>(type: "bigint", nullable: false),
                    SeenInPass = table.Column<long>(type: "bigint", nullable: false),
                    Deleted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PollRecordHashes", x => new { x.SubscriptionId, x.RecordId });
                    table.ForeignKey(
                        name: "FK_PollRecordHashes_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_NextPollAt_PollSlot",
                table: "Subscriptions",
                columns: new[] { "NextPollAt", "PollSlot" });

            migrationBuilder.CreateIndex(
                name: "IX_PollRecordHashes_WorkspaceId_TenantId_SubscriptionId_Record~",
                table: "PollRecordHashes",
                columns: new[] { "WorkspaceId", "TenantId", "SubscriptionId", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_PollRecordHashes_WorkspaceId_TenantId_SubscriptionId_SeenIn~",
                table: "PollRecordHashes",
                columns: new[] { "WorkspaceId", "TenantId", "SubscriptionId", "SeenInPass" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PollRecordHashes");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_NextPollAt_PollSlot",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "InitialSync",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "LastPollAt",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "LastPollOutcome",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "NextPollAt",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollBaselineTaken",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollCron",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollFailures",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollIntervalSeconds",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollPass",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollPassStartedAt",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollSince",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollSlot",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "PollTimeZone",
                table: "Subscriptions");
        }
    }
}
