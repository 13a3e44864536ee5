namespace Fastn.Connectors.Triggers;

/// <summary>One page of records from a poll.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Records">The records on this page.</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> when this was the last page.</param>
public sealed record PollPage<T>(IReadOnlyList<T> Records, string? NextCursor)
{
    /// <summary>Whether another page follows.</summary>
    public bool HasMore => NextCursor is not null;

    /// <summary>
    /// The app's own modified-since mark for the next poll (its clock, not the engine's: clock skew and vendor lag lose
    /// nothing), or <see langword="null"/> to let the engine use the start of this poll. The engine keeps the latest
    /// one it was given and passes it back as <see cref="PollRequest.Since"/>; an older one never moves it back.
    /// </summary>
    public DateTimeOffset? Watermark { get; init; }

    /// <summary>
    /// Whether this page ends a pass that listed every record (not only changed ones): records not seen in such a pass
    /// are reported deleted when the trigger detects deletes. Polls filtered by <see cref="PollRequest.Since"/> leave it false.
    /// </summary>
    public bool CompletesFullPass { get; init; }
}
