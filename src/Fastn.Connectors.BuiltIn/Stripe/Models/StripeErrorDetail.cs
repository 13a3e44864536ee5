using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Stripe's error object (<c>last_payment_error</c>, and the <c>error</c> of error bodies).</summary>
public sealed record StripeErrorDetail
{
    /// <summary><c>card_error</c>, <c>invalid_request_error</c>, <c>api_error</c>, <c>idempotency_error</c>.</summary>
    [Description("The error type: card_error, invalid_request_error, api_error or idempotency_error.")]
    public string? Type { get; init; }

    /// <summary>A short code such as <c>card_declined</c>.</summary>
    [Description("A short code such as card_declined or resource_missing.")]
    public string? Code { get; init; }

    /// <summary>The card issuer's reason for a decline.</summary>
    [Description("For card declines, the issuer's reason, like insufficient_funds.")]
    public string? DeclineCode { get; init; }

    /// <summary>A human-readable message.</summary>
    [Description("A human-readable message.")]
    public string? Message { get; init; }

    /// <summary>The parameter the error relates to.</summary>
    [Description("The request parameter the error relates to, if any.")]
    public string? Param { get; init; }
}
