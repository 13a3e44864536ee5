namespace Fastn.Samples.Acme.Webhooks;

/// <summary>A registered webhook endpoint; <see cref="Secret"/> signs its deliveries (Standard Webhooks).</summary>
public sealed record AcmeWebhookSubscription(string Id, Uri Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);
