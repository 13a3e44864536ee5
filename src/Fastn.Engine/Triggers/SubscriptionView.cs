using System.Text.Json.Nodes;
using Fastn.Connectors;

namespace Fastn.Engine.Triggers;

/// <summary>A subscription as the engine shows it to hosts: never its signing secret.</summary>
/// <param name="Id">The subscription id (<c>sub_…</c>).</param>
/// <param name="Tenant">The workspace and tenant that own it.</param>
/// <param name="ConnectionId">The connection whose events it receives.</param>
/// <param name="Connector">The connector's name.</param>
/// <param name="Trigger">The trigger's name.</param>
/// <param name="Status">Whether it receives and dispatches events.</param>
/// <param name="StatusReason">Why the status is what it is, or null.</param>
/// <param name="Parameters">The trigger's parameters.</param>
/// <param name="WebhookUrl">The URL the app must send deliveries to (webhook triggers).</param>
/// <param name="HasSigningSecret">Whether a signing secret is stored for it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Poll">Poll triggers: the schedule, the last and the next poll; null for webhook triggers.</param>
public sealed record SubscriptionView(string Id, TenantInfo Tenant, string ConnectionId, string Connector, string Trigger, SubscriptionState Status,
    string? StatusReason, JsonObject Parameters, string? WebhookUrl, bool HasSigningSecret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    PollStatusView? Poll = null);

/// <summary>A poll subscription's schedule and progress.</summary>
/// <param name="Interval">The interval between polls (hh:mm:ss), or null for a cron schedule.</param>
/// <param name="Cron">The cron expression, or null.</param>
/// <param name="TimeZone">The time zone the cron expression is read in (UTC when null).</param>
/// <param name="InitialSync"><c>baseline</c> (the first pass records existing records without events) or <c>emit</c>.</param>
/// <param name="BaselineTaken">Whether the first complete pass is done.</param>
/// <param name="LastPollAt">When the last poll ended, or null before the first.</param>
/// <param name="LastPollOutcome">What the last poll did or why it failed.</param>
/// <param name="NextPollAt">When the next poll is due; null when none is scheduled (paused, needs re-auth, connection gone).</param>
/// <param name="ConsecutiveFailures">Failed polls in a row (the back-off doubles with each).</param>
public sealed record PollStatusView(string? Interval, string? Cron, string? TimeZone, string InitialSync, bool BaselineTaken, DateTimeOffset? LastPollAt,
    string? LastPollOutcome, DateTimeOffset? NextPollAt, int ConsecutiveFailures);

/// <summary>When a poll subscription runs: an interval, or a cron expression in a time zone; neither means the trigger's default interval.</summary>
/// <param name="Interval">Seconds (<c>"90"</c>), <c>"30s"</c>, <c>"5m"</c>, <c>"2h"</c>, <c>"1d"</c> or <c>hh:mm:ss</c>.</param>
/// <param name="Cron">Five fields (minute hour day month weekday), or six with seconds first.</param>
/// <param name="TimeZone">IANA time zone of the cron expression (default UTC).</param>
public sealed record PollScheduleRequest(string? Interval, string? Cron, string? TimeZone);

/// <summary>Whether a subscription receives and dispatches events.</summary>
public enum SubscriptionState
{
    /// <summary>Receives and dispatches.</summary>
    Active,

    /// <summary>Deliveries are acknowledged and stored, but held from dispatch.</summary>
    Paused,

    /// <summary>Receiving fails (see the reason).</summary>
    Failing,

    /// <summary>The connection's credentials no longer work.</summary>
    NeedsReauth,
}

/// <summary>A subscription to create.</summary>
/// <param name="ConnectionId">The connection whose events to receive.</param>
/// <param name="Trigger">The trigger's name (see the connector's triggers).</param>
/// <param name="Parameters">The trigger's parameters, if it takes any.</param>
/// <param name="SigningSecret">The secret the app signs deliveries with (copied from the app's webhook settings).</param>
/// <param name="Schedule">Poll triggers: when to poll (default: the trigger's interval).</param>
/// <param name="InitialSync">Poll triggers: <c>baseline</c> (default: existing records produce no events) or <c>emit</c> (each existing record is <c>created</c>).</param>
public sealed record CreateSubscriptionRequest(string? ConnectionId, string? Trigger, JsonObject? Parameters, string? SigningSecret,
    PollScheduleRequest? Schedule = null, string? InitialSync = null);
