using Fastn.Storage.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Polling;

/// <summary>The Synthetic Event Engine's part of the model: record hashes and the subscriptions' poll schedule.</summary>
internal static class PollingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PollRecordHash>(e =>
        {
            e.ToTable("PollRecordHashes");
            e.HasKey(x => new { x.SubscriptionId, x.RecordId });
            e.Property(x => x.WorkspaceId).HasMaxLength(100);
            e.Property(x => x.TenantId).HasMaxLength(100);
            e.Property(x => x.SubscriptionId).HasMaxLength(100);
            e.Property(x => x.RecordId).HasMaxLength(PollStore.MaxRecordIdLength);
            e.Property(x => x.Hash).HasMaxLength(32);
            // Scoped reads look records up by subscription and id within the tenant; delete detection reads the
            // records of a subscription not seen in the current pass.
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.SubscriptionId, x.RecordId });
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.SubscriptionId, x.SeenInPass });
            e.HasOne<Subscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Subscription>(e =>
        {
            e.Property(x => x.PollCron).HasMaxLength(200);
            e.Property(x => x.PollTimeZone).HasMaxLength(100);
            e.Property(x => x.LastPollOutcome).HasMaxLength(2000);
            e.Property(x => x.InitialSync).HasConversion<string>().HasMaxLength(16);
            // The partitions' due query runs in system scope across tenants: by due time, then the partition's slots.
            e.HasIndex(x => new { x.NextPollAt, x.PollSlot });
        });
    }
}
