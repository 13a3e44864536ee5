using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fastn.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Subscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConnectionId",
                table: "Events",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DedupKey",
                table: "Events",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HeldReason",
                table: "Events",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Events",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "platform");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OccurredAt",
                table: "Events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Events",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubscriptionId",
                table: "Events",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Trigger",
                table: "Events",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Subscriptions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WorkspaceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ConnectionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Connector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    SigningSecretProtected = table.Column<string>(type: "text", nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Cursor = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "Connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Events_DedupKey",
                table: "Events",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_WorkspaceId_TenantId_SubscriptionId_CreatedAt",
                table: "Events",
                columns: new[] { "WorkspaceId", "TenantId", "SubscriptionId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ConnectionId",
                table: "Subscriptions",
                column: "ConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_WorkspaceId_TenantId_ConnectionId",
                table: "Subscriptions",
                columns: new[] { "WorkspaceId", "TenantId", "ConnectionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Events_DedupKey",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_WorkspaceId_TenantId_SubscriptionId_CreatedAt",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ConnectionId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "DedupKey",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "HeldReason",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "OccurredAt",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "SubscriptionId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Trigger",
                table: "Events");
        }
    }
}
