namespace Fastn.Client.Models;

/// <summary>Which events to list.</summary>
/// <param name="Type">Only this type.</param>
/// <param name="After">The <see cref="PlatformEventPage.NextCursor"/> of the previous page.</param>
/// <param name="Limit">Page size (1–200, default 50).</param>
/// <param name="Kind"><c>platform</c> or <c>trigger</c> (both when null).</param>
/// <param name="SubscriptionId">Only the trigger events of this subscription.</param>
public sealed record EventQuery(string? Type = null, string? After = null, int? Limit = null, string? Kind = null, string? SubscriptionId = null);
