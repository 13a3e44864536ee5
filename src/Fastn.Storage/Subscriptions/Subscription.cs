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

    /// <summary>Poll triggers: the stable hash slot (0 to <see cref="Polling.PollStore.Slots"/> - 1) that decides which partition polls it.</summary>
    public int PollSlot { get; set; }

    /// <summary>Poll triggers: when the next poll is due; null when it is not scheduled (webhook, paused, needs re-auth).</summary>
    public DateTimeOffset? NextPollAt { get; set; }

    /// <summary>Poll triggers: the interval between polls in seconds, or null for the trigger's default (or a cron schedule).</summary>
    public int? PollIntervalSeconds { get; set; }

    /// <summary>Poll triggers: a cron expression (five or six fields) instead of an interval.</summary>
    public string? PollCron { get; set; }

    /// <summary>Poll triggers: the IANA or Windows time zone the cron expression is read in (UTC when null).</summary>
    public string? PollTimeZone { get; set; }

    /// <summary>Poll triggers: failed polls in a row (drives the back-off); 0 after a success.</summary>
    public int PollFailures { get; set; }

    /// <summary>Poll triggers: when the last poll ended.</summary>
    public DateTimeOffset? LastPollAt { get; set; }

    /// <summary>Poll triggers: what the last poll did, in one sentence.</summary>
    public string? LastPollOutcome { get; set; }

    /// <summary>Poll triggers: whether the first complete pass (the baseline) is done.</summary>
    public bool PollBaselineTaken { get; set; }

    /// <summary>Poll triggers: whether the first pass emits every existing record or only records their hashes.</summary>
    public PollInitialSync InitialSync { get; set; }

    /// <summary>Poll triggers: the number of the pass in progress (records not seen in a complete pass were deleted).</summary>
    public long PollPass { get; set; }

    /// <summary>Poll triggers: the <c>Since</c> given to the next pass (the app's latest watermark, or the last pass's start).</summary>
    public DateTimeOffset? PollSince { get; set; }

    /// <summary>Poll triggers: when the pass in progress started.</summary>
    public DateTimeOffset? PollPassStartedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>What a poll subscription's first pass does with the records that already exist.</summary>
public enum PollInitialSync
{
    /// <summary>Records their hashes without emitting: only later changes become events.</summary>
    Baseline = 0,

    /// <summary>Emits every existing record as <c>created</c>.</summary>
    Emit = 1,
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
