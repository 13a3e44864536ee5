namespace Fastn.Storage.ActionCalls;

/// <summary>One page of action calls, newest first; pass <see cref="NextCursor"/> back to get the next page.</summary>
public sealed record ActionCallPage(IReadOnlyList<ActionCall> Items, string? NextCursor);
