namespace Fastn.Connectors.Triggers;

/// <summary>One page of records from a poll.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Records">The records on this page.</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> when this was the last page.</param>
public sealed record PollPage<T>(IReadOnlyList<T> Records, string? NextCursor)
{
    /// <summary>Whether another page follows.</summary>
    public bool HasMore => NextCursor is not null;
}
