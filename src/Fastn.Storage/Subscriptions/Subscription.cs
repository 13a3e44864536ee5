namespace Fastn.Storage.Subscriptions;

/// <summary>
/// A subscription: one connection × one trigger × its parameters. Webhook subscriptions each have their own URL
/// (<c>/webhooks/{Id}</c>) and, when the app signs per hook, their own signing secret (vault-protected).
/// </summary>
public sealed class Subscription : ITenantOwned, IVersioned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string ConnectionId { get; init; }

    public required string Connector { get; init; }

    public required string Trigger { get; init; }

    public SubscriptionStatus Status { get; set; }

    /// <summary>Why the status is what it is (paused by whom, failing with what), or null.</summary>
    public string? StatusReason { get; set; }

    /// <summary>The trigger's parameters as JSON.</summary>
    public string Parameters { get; init; } = "{}";

    /// <summary>The signing secret, protected by the vault; null when the trigger signs with a connection or app secret.</summary>
    public string? SigningSecretProtected { get; set; }

    /// <summary>The app's id for the registered hook, when Fastn registered it.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The poll cursor or watermark; owned by the subscription, so republishing a flow never resets it.</summary>
    public string? Cursor { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>Whether a subscription receives (and dispatches) events.</summary>
public enum SubscriptionStatus
{
    /// <summary>Receives and dispatches.</summary>
    Active = 0,

    /// <summary>Paused by its owner: deliveries are acknowledged and stored, held from dispatch.</summary>
    Paused = 1,

    /// <summary>Receiving fails (see the reason); retried with back-off.</summary>
    Failing = 2,

    /// <summary>The connection's credentials no longer work.</summary>
    NeedsReauth = 3,
}
