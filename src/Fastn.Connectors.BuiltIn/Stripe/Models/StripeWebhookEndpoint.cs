using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A Stripe <c>webhook_endpoint</c>; <see cref="Secret"/> is only returned when it is created.</summary>
public sealed record StripeWebhookEndpoint
{
    /// <summary>Stripe's id, <c>we_…</c>.</summary>
    [Description("Stripe's webhook endpoint id, like we_1Mr5jULkdIwHu7ix1ibLTM0x.")]
    public required string Id { get; init; }

    /// <summary>Where Stripe posts events.</summary>
    [Description("The URL Stripe posts events to.")]
    public string? Url { get; init; }

    /// <summary>The event types sent.</summary>
    [Description("The event types sent to the endpoint.")]
    public IReadOnlyList<string>? EnabledEvents { get; init; }

    /// <summary>enabled or disabled.</summary>
    [Description("enabled or disabled.")]
    public string? Status { get; init; }

    /// <summary>The signing secret, <c>whsec_…</c> (creation response only).</summary>
    [Description("The endpoint's signing secret (whsec_…), returned only on creation.")]
    public string? Secret { get; init; }
}
