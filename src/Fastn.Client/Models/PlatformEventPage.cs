namespace Fastn.Client.Models;

/// <summary>A page of platform events, newest first.</summary>
/// <param name="Items">The events on this page.</param>
/// <param name="NextCursor">Pass as <c>after</c> for older events; null on the last page.</param>
public sealed record PlatformEventPage(IReadOnlyList<PlatformEvent> Items, string? NextCursor);
