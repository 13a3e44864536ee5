using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Cdm;

// The CDM sync tables: syncs, their record links (unique per side) and per-record errors, all tenant-owned.
internal static class CdmSyncModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CdmSync>(e =>
        {
            e.ToTable("CdmSyncs");
            e.HasKey(x => x.Id);
            FastnDbContext.Id(e.Property(x => x.Id));
            FastnDbContext.TenantColumns(e);
            FastnDbContext.Id(e.Property(x => x.ConnectionA));
            FastnDbContext.Id(e.Property(x => x.ConnectionB));
            e.Property(x => x.Entity).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.StatusReason).HasMaxLength(2000);
            e.Property(x => x.Conflict).HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.CreatedAt });
            e.HasIndex(x => new { x.Status, x.NextPassAt });
        });

        modelBuilder.Entity<CdmSyncLink>(e =>
        {
            e.ToTable("CdmSyncLinks");
            e.HasKey(x => new { x.SyncId, x.RecordA });
            FastnDbContext.Id(e.Property(x => x.SyncId));
            FastnDbContext.TenantColumns(e);
            e.Property(x => x.RecordA).HasMaxLength(200);
            e.Property(x => x.RecordB).HasMaxLength(200);
            e.Property(x => x.HashA).HasMaxLength(64);
            e.Property(x => x.HashB).HasMaxLength(64);
            e.HasIndex(x => new { x.SyncId, x.RecordB }).IsUnique();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.SyncId });
            e.HasOne<CdmSync>().WithMany().HasForeignKey(x => x.SyncId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CdmSyncError>(e =>
        {
            e.ToTable("CdmSyncErrors");
            e.HasKey(x => new { x.SyncId, x.Side, x.RecordId });
            FastnDbContext.Id(e.Property(x => x.SyncId));
            FastnDbContext.TenantColumns(e);
            e.Property(x => x.Side).HasMaxLength(1);
            e.Property(x => x.RecordId).HasMaxLength(200);
            e.Property(x => x.Message).HasMaxLength(2000);
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.SyncId });
            e.HasOne<CdmSync>().WithMany().HasForeignKey(x => x.SyncId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
