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
public sealed record SubscriptionView(string Id, TenantInfo Tenant, string ConnectionId, string Connector, string Trigger, SubscriptionState Status,
    string? StatusReason, JsonObject Parameters, string? WebhookUrl, bool HasSigningSecret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

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
public sealed record CreateSubscriptionRequest(string? ConnectionId, string? Trigger, JsonObject? Parameters, string? SigningSecret);
