using Fastn.Storage.Writing;

namespace Fastn.Storage.Events;

/// <summary>
/// The <c>Events</c> table for the group-commit writer, mapped as EF maps it (see <see cref="FastnDbContext"/>).
/// A row whose <see cref="PlatformEvent.DedupKey"/> is already stored is skipped, without aborting its batch.
/// </summary>
internal static class EventTable
{
    public static GroupCommitTable<PlatformEvent> For(StorageProvider provider) => new("Events",
    [
        new("Id", e => e.Id),
        new("WorkspaceId", e => e.WorkspaceId),
        new("TenantId", e => e.TenantId),
        new("Type", e => e.Type),
        new("Subject", e => e.Subject),
        new("Data", e => e.Data),
        new("CreatedAt", Time(provider, e => e.CreatedAt)),
        new("Kind", e => e.Kind),
        new("ConnectionId", e => e.ConnectionId),
        new("SubscriptionId", e => e.SubscriptionId),
        new("Trigger", e => e.Trigger),
        new("Source", e => e.Source),
        new("DedupKey", e => e.DedupKey),
        new("OccurredAt", e => e.OccurredAt is { } at ? Time(provider, _ => at)(e) : null),
        new("HeldReason", e => e.HeldReason),
    ],
    ["DedupKey"]);

    // SQLite keeps DateTimeOffset as UTC ticks (UtcTicksConverter); PostgreSQL as timestamptz in UTC.
    private static Func<PlatformEvent, object?> Time(StorageProvider provider, Func<PlatformEvent, DateTimeOffset> read) =>
        provider == StorageProvider.Postgres ? e => read(e).ToUniversalTime() : e => read(e).UtcTicks;
}
