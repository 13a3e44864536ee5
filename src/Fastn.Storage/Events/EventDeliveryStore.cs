using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Events;

/// <summary>Event destinations and the deliveries of events to them.</summary>
public sealed class EventDeliveryStore(FastnDbContext db, IIdGenerator ids, TimeProvider time)
{
    /// <summary>Stores a destination.</summary>
    public async Task<EventDestination> AddDestinationAsync(string workspaceId, string url, string secretProtected, IReadOnlyList<string> eventTypes,
        string? kind, CancellationToken cancellationToken = default, string filters = "[]")
    {
        var destination = new EventDestination
        {
            Id = ids.NewId("dst"),
            WorkspaceId = workspaceId,
            Url = url,
            SecretProtected = secretProtected,
            EventTypes = JsonSerializer.Serialize(eventTypes),
            Kind = kind,
            Filters = filters,
            CreatedAt = time.GetUtcNow(),
        };
        db.EventDestinations.Add(destination);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(destination).State = EntityState.Detached;
        }

        return destination;
    }

    /// <summary>The destinations in scope, oldest first.</summary>
    public async Task<IReadOnlyList<EventDestination>> ListDestinationsAsync(CancellationToken cancellationToken = default) =>
        await db.EventDestinations.AsNoTracking().OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>The destinations with these ids that exist in scope.</summary>
    public async Task<IReadOnlyList<EventDestination>> GetDestinationsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        await db.EventDestinations.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);

    /// <summary>The destination, or null when it does not exist in scope.</summary>
    public async Task<EventDestination?> GetDestinationAsync(string id, CancellationToken cancellationToken = default) =>
        await db.EventDestinations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>Deletes a destination and its deliveries; false when it did not exist in scope.</summary>
    public async Task<bool> DeleteDestinationAsync(string id, CancellationToken cancellationToken = default)
    {
        await db.EventDeliveries.Where(d => d.DestinationId == id).ExecuteDeleteAsync(cancellationToken);
        return await db.EventDestinations.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The event types a destination receives (empty: all).</summary>
    public static IReadOnlyList<string> EventTypesOf(EventDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return JsonSerializer.Deserialize<string[]>(destination.EventTypes) ?? [];
    }

    /// <summary>
    /// Fans events out: one pending delivery per event and enabled destination of its workspace that
    /// <paramref name="accepts"/> it (the engine decides by kind, type and payload filter), due now,
    /// then marks the events dispatched, in one transaction. Run it in system scope.
    /// </summary>
    public async Task<int> FanOutAsync(IReadOnlyList<PlatformEvent> events, Func<EventDestination, PlatformEvent, bool> accepts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accepts);
        if (events.Count == 0)
        {
            return 0;
        }

        var workspaces = events.Select(e => e.WorkspaceId).Distinct().ToList();
        var destinations = await db.EventDestinations.AsNoTracking().Where(d => d.Enabled && workspaces.Contains(d.WorkspaceId)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var created = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var evt in events)
        {
            foreach (var destination in destinations.Where(d => d.WorkspaceId == evt.WorkspaceId && accepts(d, evt)))
            {
                db.EventDeliveries.Add(new EventDelivery
                {
                    Id = ids.NewId("dlv"),
                    WorkspaceId = evt.WorkspaceId,
                    TenantId = evt.TenantId,
                    EventId = evt.Id,
                    DestinationId = destination.Id,
                    Status = EventDeliveryStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                created++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var eventIds = events.Select(e => e.Id).ToList();
        await db.Events.Where(e => eventIds.Contains(e.Id) && e.DispatchedAt == null).ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return created;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries for <paramref name="lease"/>: each is claimed by moving its
    /// next attempt past the lease only if nobody moved it first, so two dispatchers never send the same attempt.
    /// </summary>
    public async Task<IReadOnlyList<EventDelivery>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await db.EventDeliveries.AsNoTracking()
            .Where(d => d.Status == EventDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(limit).ToListAsync(cancellationToken);
        var claimed = new List<EventDelivery>(due.Count);
        foreach (var delivery in due)
        {
            var was = delivery.NextAttemptAt;
            var until = now + lease;
            var won = await db.EventDeliveries.Where(d => d.Id == delivery.Id && d.NextAttemptAt == was && d.Status == EventDeliveryStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, until), cancellationToken);
            if (won == 1)
            {
                delivery.NextAttemptAt = until;
                claimed.Add(delivery);
            }
        }

        return claimed;
    }

    /// <summary>Records an attempt: delivered, retry at <paramref name="retryAt"/>, or dead when it is null.</summary>
    public async Task RecordAttemptAsync(string deliveryId, bool delivered, int? status, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var state = delivered ? EventDeliveryStatus.Delivered : retryAt is null ? EventDeliveryStatus.Failed : EventDeliveryStatus.Pending;
        var next = retryAt ?? now;
        var shortError = error is { Length: > 1000 } ? error[..1000] : error;
        await db.EventDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, state)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.LastStatus, status)
            .SetProperty(d => d.LastError, shortError)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Deliveries in scope of one destination, newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<EventDelivery>> ListDeliveriesAsync(string destinationId, EventDeliveryStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        var query = db.EventDeliveries.AsNoTracking().Where(d => d.DestinationId == destinationId);
        if (status is { } s)
        {
            query = query.Where(d => d.Status == s);
        }

        return await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The delivery, or null when it does not exist in scope.</summary>
    public async Task<EventDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken = default) =>
        await db.EventDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>Puts a delivery back in the queue, due now, with a fresh set of attempts.</summary>
    public async Task<bool> RedeliverAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return await db.EventDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, EventDeliveryStatus.Pending)
            .SetProperty(d => d.Attempts, 0)
            .SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.UpdatedAt, now), cancellationToken) > 0;
    }
}
