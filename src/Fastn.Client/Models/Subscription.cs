using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>Which trigger events of one connection Fastn receives (never its signing secret).</summary>
/// <param name="Id">The subscription id (<c>sub_…</c>).</param>
/// <param name="TenantId">The tenant it belongs to.</param>
/// <param name="ConnectionId">The connection whose events it receives.</param>
/// <param name="Connector">The connector name.</param>
/// <param name="Trigger">The trigger name.</param>
/// <param name="Status"><c>Active</c>, <c>Paused</c>, <c>Failing</c> or <c>NeedsReauth</c>.</param>
/// <param name="StatusReason">Why the status is what it is.</param>
/// <param name="Parameters">The trigger's parameters.</param>
/// <param name="WebhookUrl">Where the app sends its deliveries (webhook triggers).</param>
/// <param name="HasSigningSecret">Whether a signing secret is stored.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Subscription(
    string Id,
    string TenantId,
    string ConnectionId,
    string Connector,
    string Trigger,
    string Status,
    string? StatusReason,
    JsonObject? Parameters,
    string? WebhookUrl,
    bool HasSigningSecret,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A subscription to create.</summary>
/// <param name="ConnectionId">The connection whose events to receive.</param>
/// <param name="Trigger">The trigger name (see <see cref="ConnectorDetail"/>).</param>
/// <param name="Parameters">The trigger's parameters (GitHub: <c>{"repository": "owner/repo"}</c>).</param>
/// <param name="SigningSecret">The app's signing secret, when you register the webhook URL in the app yourself; omit it when the trigger registers its webhook (GitHub, Stripe, Shopify).</param>
public sealed record CreateSubscriptionRequest(string ConnectionId, string Trigger, JsonObject? Parameters = null, string? SigningSecret = null);
