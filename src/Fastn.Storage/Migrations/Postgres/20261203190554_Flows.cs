using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fastn.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Flows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Flows",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WorkspaceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Draft = table.Column<string>(type: "text", nullable: false),
                    PublishedVersion = table.Column<int>(type: "integer", nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    TriggerKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    TriggerKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NextRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Flows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Flows_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FlowRuns",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WorkspaceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FlowId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FlowVersion = table.Column<int>(type: "integer", nullable: false),
                    Definition = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IsTest = table.Column<bool>(type: "boolean", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Trigger = table.Column<string>(type: "text", nullable: false),
                    EventId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RerunOf = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Output = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    WaitingStep = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    WaitingAttempts = table.Column<int>(type: "integer", nullable: false),
                    WakeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlowRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FlowRuns_Flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "Flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FlowVersions",
                columns: table => new
                {
                    FlowId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    WorkspaceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlowVersions", x => new { x.FlowId, x.Number });
                    table.ForeignKey(
                        name: "FK_FlowVersions_Flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "Flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FlowRunSteps",
                columns: table => new
                {
                    RunId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    WorkspaceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StepId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Input = table.Column<string>(type: "text", nullable: true),
                    Output = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    CallId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlowRunSteps", x => new { x.RunId, x.Path });
                    table.ForeignKey(
                        name: "FK_FlowRunSteps_FlowRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "FlowRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FlowRunSteps_WorkspaceId_TenantId_RunId",
                table: "FlowRunSteps",
                columns: new[] { "WorkspaceId", "TenantId", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_FlowRuns_FinishedAt",
                table: "FlowRuns",
                column: "FinishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FlowRuns_FlowId_EventId",
                table: "FlowRuns",
                columns: new[] { "FlowId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FlowRuns_FlowId_Status",
                table: "FlowRuns",
                columns: new[] { "FlowId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FlowRuns_Status_WakeAt",
                table: "FlowRuns",
                columns: new[] { "Status", "WakeAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FlowRuns_WorkspaceId_TenantId_CreatedAt",
                table: "FlowRuns",
                columns: new[] { "WorkspaceId", "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FlowRuns_WorkspaceId_TenantId_FlowId_CreatedAt",
                table: "FlowRuns",
                columns: new[] { "WorkspaceId", "TenantId", "FlowId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FlowVersions_WorkspaceId_FlowId",
                table: "FlowVersions",
                columns: new[] { "WorkspaceId", "FlowId" });

            migrationBuilder.CreateIndex(
                name: "IX_Flows_TriggerKind_NextRunAt",
                table: "Flows",
                columns: new[] { "TriggerKind", "NextRunAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Flows_WorkspaceId_Name",
                table: "Flows",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Flows_WorkspaceId_TriggerKey",
                table: "Flows",
                columns: new[] { "WorkspaceId", "TriggerKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FlowRunSteps");

            migrationBuilder.DropTable(
                name: "FlowVersions");

            migrationBuilder.DropTable(
                name: "FlowRuns");

            migrationBuilder.DropTable(
                name: "Flows");
        }
    }
}
