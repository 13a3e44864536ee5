using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Subscriptions;

/// <summary>Subscriptions in the current tenant scope.</summary>
public sealed class SubscriptionStore(FastnDbContext db, IIdGenerator ids, TimeProvider time)
{
    /// <summary>Stores a new subscription.</summary>
    public Task<Subscription> CreateAsync(string workspaceId, string tenantId, string connectionId, string connector, string trigger,
        string parameters, string? signingSecretProtected, CancellationToken cancellationToken = default) =>
        CreateAsync(workspaceId, tenantId, connectionId, connector, trigger, parameters, signingSecretProtected, configure: null, cancellationToken);

    /// <summary>Stores a new subscription, letting <paramref name="configure"/> set more of it (a poll schedule) before it is saved.</summary>
    public async Task<Subscription> CreateAsync(string workspaceId, string tenantId, string connectionId, string connector, string trigger,
        string parameters, string? signingSecretProtected, Action<Subscription>? configure, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var subscription = new Subscription
        {
            Id = ids.NewId("sub"),
            WorkspaceId = workspaceId,
            TenantId = tenantId,
            ConnectionId = connectionId,
            Connector = connector,
            Trigger = trigger,
            Status = SubscriptionStatus.Active,
            Parameters = parameters,
            SigningSecretProtected = signingSecretProtected,
            CreatedAt = now,
            UpdatedAt = now,
        };
        configure?.Invoke(subscription);
        db.Subscriptions.Add(subscription);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(subscription).State = EntityState.Detached;
        }

        return subscription;
    }

    /// <summary>The subscription, or null when it does not exist in scope.</summary>
    public async Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>Subscriptions in scope, optionally of one connection, oldest first.</summary>
    public async Task<IReadOnlyList<Subscription>> ListAsync(string? connectionId = null, CancellationToken cancellationToken = default)
    {
        var query = db.Subscriptions.AsNoTracking();
        if (connectionId is not null)
        {
            query = query.Where(s => s.ConnectionId == connectionId);
        }

        return await query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Sets status and reason; returns the updated row, or null when it does not exist in scope.</summary>
    public Task<Subscription?> SetStatusAsync(string id, SubscriptionStatus status, string? reason, CancellationToken cancellationToken = default) =>
        UpdateAsync(id, s =>
        {
            s.Status = status;
            s.StatusReason = reason;
        }, cancellationToken);

    /// <summary>Records what registering the hook with the app returned: its id there and the secret it signs with (protected; null keeps the stored one).</summary>
    public Task<Subscription?> SetRegistrationAsync(string id, string? externalId, string? signingSecretProtected, CancellationToken cancellationToken = default) =>
        UpdateAsync(id, s =>
        {
            s.ExternalId = externalId;
            s.SigningSecretProtected = signingSecretProtected ?? s.SigningSecretProtected;
        }, cancellationToken);

    /// <summary>Deletes the subscription; false when it did not exist in scope.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        await db.Subscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>Deletes every subscription of a connection (the connection is being deleted); returns how many.</summary>
    public async Task<int> DeleteForConnectionAsync(string connectionId, CancellationToken cancellationToken = default) =>
        await db.Subscriptions.Where(s => s.ConnectionId == connectionId).ExecuteDeleteAsync(cancellationToken);

    private async Task<Subscription?> UpdateAsync(string id, Action<Subscription> change, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return null;
        }

        change(subscription);
        subscription.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(subscription).State = EntityState.Detached;
        }

        return subscription;
    }
}
