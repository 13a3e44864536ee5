namespace Fastn.Client.Models;

/// <summary>A page of a connection's call log, newest first.</summary>
/// <param name="Items">The calls on this page.</param>
/// <param name="NextCursor">Pass to get the next page; null on the last page.</param>
public sealed record ActionCallPage(IReadOnlyList<ActionCall> Items, string? NextCursor);
