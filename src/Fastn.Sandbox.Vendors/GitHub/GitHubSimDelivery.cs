namespace Fastn.Sandbox.Vendors.GitHub;

/// <summary>One webhook delivery attempt as the simulation made it.</summary>
/// <param name="DeliveryId">The <c>X-GitHub-Delivery</c> GUID.</param>
/// <param name="Event">The <c>X-GitHub-Event</c> name.</param>
/// <param name="Action">The payload's action, if any.</param>
/// <param name="Url">Where it was sent.</param>
/// <param name="StatusCode">The receiver's status, or null when unreachable.</param>
/// <param name="Error">Why it failed without a status.</param>
public sealed record GitHubSimDelivery(string DeliveryId, string Event, string? Action, string Url, int? StatusCode, string? Error);
