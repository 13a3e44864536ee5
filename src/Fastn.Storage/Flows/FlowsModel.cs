using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Flows;

// The flow tables in the Fastn model: flows and versions are workspace-owned, runs and their steps tenant-owned,
// each indexed from workspace and tenant (DESIGN §5).
internal static class FlowsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredFlow>(e =>
        {
            e.ToTable("Flows");
            e.HasKey(x => x.Id);
            FastnDbContext.Id(e.Property(x => x.Id));
            FastnDbContext.Id(e.Property(x => x.WorkspaceId));
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.TriggerKind).HasMaxLength(16);
            e.Property(x => x.TriggerKey).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.WorkspaceId, x.Name }).IsUnique();
            e.HasIndex(x => new { x.WorkspaceId, x.TriggerKey });
            e.HasIndex(x => new { x.TriggerKind, x.NextRunAt });
            e.HasOne<Workspaces.Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StoredFlowVersion>(e =>
        {
            e.ToTable("FlowVersions");
            e.HasKey(x => new { x.FlowId, x.Number });
            FastnDbContext.Id(e.Property(x => x.FlowId));
            FastnDbContext.Id(e.Property(x => x.WorkspaceId));
            e.HasIndex(x => new { x.WorkspaceId, x.FlowId });
            e.HasOne<StoredFlow>().WithMany().HasForeignKey(x => x.FlowId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FlowRun>(e =>
        {
            e.ToTable("FlowRuns");
            e.HasKey(x => x.Id);
            FastnDbContext.Id(e.Property(x => x.Id));
            FastnDbContext.TenantColumns(e);
            FastnDbContext.Id(e.Property(x => x.FlowId));
            FastnDbContext.Id(e.Property(x => x.EventId));
            FastnDbContext.Id(e.Property(x => x.RerunOf));
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.StatusReason).HasMaxLength(2000);
            e.Property(x => x.StartedBy).HasMaxLength(16);
            e.Property(x => x.WaitingStep).HasMaxLength(400);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.FlowId, x.CreatedAt });
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.CreatedAt });
            e.HasIndex(x => new { x.Status, x.WakeAt });
            e.HasIndex(x => new { x.FlowId, x.Status });
            // The retention purge deletes finished runs by age in every workspace.
            e.HasIndex(x => x.FinishedAt);
            // An event starts each flow once, whichever node fans it out.
            e.HasIndex(x => new { x.FlowId, x.EventId }).IsUnique();
            e.HasOne<StoredFlow>().WithMany().HasForeignKey(x => x.FlowId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FlowRunStep>(e =>
        {
            e.ToTable("FlowRunSteps");
            e.HasKey(x => new { x.RunId, x.Path });
            FastnDbContext.Id(e.Property(x => x.RunId));
            e.Property(x => x.Path).HasMaxLength(400);
            FastnDbContext.TenantColumns(e);
            e.Property(x => x.StepId).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            FastnDbContext.Id(e.Property(x => x.CallId));
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.RunId });
            e.HasOne<FlowRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
